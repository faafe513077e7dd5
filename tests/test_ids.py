"""Seeded ids must not change: :meth:`Randomness.hex` draws exactly what ``rng.choice`` per
digit drew (the same digits, and the stream left at the same place for what comes next)."""

from __future__ import annotations

import uuid

import pytest

from mock_server.ids import Randomness


def choice_hex(randomness: Randomness, length: int) -> str:
    """The reference: one ``choice`` per digit, as ids were made before."""
    return "".join(randomness.rng.choice("0123456789abcdef") for _ in range(length))


@pytest.mark.parametrize("seed", [0, 1, 7, 20261201, 2**31 - 1])
def test_hex_draws_what_choice_per_digit_drew(seed: int) -> None:
    fast, reference = Randomness(seed, "outbox"), Randomness(seed, "outbox")
    for length in [0, 1, 2, 5, 10, 24, 32, 40, 1, 0, 100, 3, 24, 24, 32, 7]:
        assert fast.hex(length) == choice_hex(reference, length)
        assert fast.rng.getstate() == reference.rng.getstate()
    assert fast.token() == reference.token()
    assert fast.uuid4() == reference.uuid4()


def test_hex_of_many_streams_and_lengths() -> None:
    for stream in range(200):
        fast, reference = Randomness(3, f"stream-{stream}"), Randomness(3, f"stream-{stream}")
        for length in range(0, 41, 3):
            assert fast.hex(length) == choice_hex(reference, length)
        assert fast.rng.getstate() == reference.rng.getstate()


def test_uuid4_is_what_the_uuid_module_made() -> None:
    fast, reference = Randomness(11, "retarus:request-ids"), Randomness(11, "retarus:request-ids")
    for _ in range(2000):
        assert fast.uuid4() == str(uuid.UUID(int=reference.rng.getrandbits(128), version=4))
    for value in (0, 2**128 - 1):
        kept = Randomness(0, "x")
        kept.rng.getrandbits = lambda _bits, value=value: value  # type: ignore[method-assign]
        assert kept.uuid4() == str(uuid.UUID(int=value, version=4))
