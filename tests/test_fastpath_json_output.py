"""The fast path's JSON output is byte for byte Connexion's (issue 15: orjson for WildDuck's
two-space answers). Data of every kind an answer may hold, floats, NaN and infinities, integers
wider than 64 bits, lone surrogates, subclasses of str and int, tuples, non-str keys, dates
and UUIDs among them, must be written exactly as Connexion's jsonifier writes it."""

from __future__ import annotations

import datetime
import enum
import uuid

from connexion.jsonifier import Jsonifier
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.fastpath.json_output import FastJsonifier


class Label(str):
    pass


class Count(int):
    pass


class Colour(enum.Enum):
    RED = "red"


SCALARS = (
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**63 - 2, max_value=2**65)
    | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([1e-5, 1e16, 1.0, -0.0, 2.5e-300])
    | st.text() | st.sampled_from(["\ud800", "a\udfffb", "\u2028", "\x7f", "é", "\n\t\"\\"])
    | st.builds(Label, st.text(max_size=5)) | st.builds(Count, st.integers(-5, 5))
    | st.just(datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)) | st.just(datetime.date(2026, 1, 2))
    | st.just(uuid.UUID(int=7)) | st.just(Colour.RED)
)
KEYS = st.text(max_size=6) | st.integers(0, 3) | st.sampled_from([True, None, 1.5])
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=15,
)

PRETTY = {"indent": 2, "ensure_ascii": False}


def written(jsonifier: Jsonifier, data: object) -> str | type:
    try:
        return jsonifier.dumps(data)
    except Exception as error:  # noqa: BLE001 - refusing alike is agreeing
        return type(error)


@settings(max_examples=1500, deadline=None)
@given(data=VALUES)
def test_two_space_output_is_connexions_byte_for_byte(data: object) -> None:
    assert written(FastJsonifier(**PRETTY), data) == written(Jsonifier(**PRETTY), data)


@settings(max_examples=300, deadline=None)
@given(data=VALUES)
def test_compact_output_is_left_to_connexion(data: object) -> None:
    assert written(FastJsonifier(), data) == written(Jsonifier(), data)


def test_a_float_is_written_as_python_writes_it() -> None:
    data = {"small": 1e-5, "big": 1e16, "nan": float("nan"), "count": 3, "label": "é"}
    assert FastJsonifier(**PRETTY).dumps(data) == Jsonifier(**PRETTY).dumps(data)
    assert '"small": 1e-05' in FastJsonifier(**PRETTY).dumps(data)
