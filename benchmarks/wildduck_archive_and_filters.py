"""Do a restore by date range and a page of ``GET /filters`` cost the same with 100,000
records around them as with 100?

Restore: the namespace holds N archived messages (spread over users, 1000 each, the archive's
cap), and one more user has 10 archived in a range of their own; each round restores that
range (``POST /users/{user}/archived/restore``) and deletes the 10 again outside the timing.
Filters: N filters (400 per user, the filter cap); each round reads the first page of 20 and a
page in the middle by cursor, and a page of ``forward=`` matches when one filter in N forwards.

Run: ``.venv/bin/python benchmarks/wildduck_archive_and_filters.py [--sizes 100,100000] [--rounds 200]``.
A ratio of about 1 means the cost does not grow with what else is stored.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mock_server.apis.wildduck.accounts.users import create_user  # noqa: E402
from mock_server.apis.wildduck.context import Context  # noqa: E402
from mock_server.apis.wildduck.mailstore import archive, filters, mailboxes, messages  # noqa: E402
from mock_server.apis.wildduck.mailstore.fakemail import fake_message  # noqa: E402
from mock_server.apis.wildduck.mailstore.mime import parse  # noqa: E402
from mock_server.apis.wildduck.paging import encode_cursor, paginate_keys  # noqa: E402
from mock_server.apis.wildduck.seed import API_NAME  # noqa: E402
from mock_server.apis.wildduck.state import User, WildDuckState  # noqa: E402
from mock_server.ids import Randomness  # noqa: E402
from mock_server.settings import Settings  # noqa: E402

START = datetime(2025, 1, 1, tzinfo=timezone.utc)
PAGE = 20


def _context(size: int) -> Context:
    config = Settings(max_namespaces=1).api(API_NAME)
    config = type(config)(**{**config.__dict__, "max_users": size + 10})
    return Context(WildDuckState(), config, START, Randomness(1, API_NAME))


def _archive(ctx: Context, user: User, raw: str, count: int) -> None:
    inbox = mailboxes.by_special_use(ctx, user.id, None)
    parsed = parse(raw)
    for _ in range(count):
        stored = messages.store(ctx, user, inbox, raw, parsed, messages.Arrival(idate=ctx.now))
        archive.delete_message(ctx, user, stored)


def restore_case(size: int) -> Callable[[], None]:
    ctx = _context(size // 1000 + 1)
    raw = fake_message(ctx.random, sender=("Sender", "s@example.org"), to=("Bench", "b@example.org"), date=START)
    for n in range(0, size, 1000):
        _archive(ctx, create_user(ctx, {"username": f"archive{n}", "password": "bench-password"}), raw, min(1000, size - n))
    target = create_user(ctx, {"username": "restorer", "password": "bench-password"})
    ctx.now = START + timedelta(days=1)
    _archive(ctx, target, raw, 10)
    window = (START + timedelta(hours=12), START + timedelta(hours=36))
    inbox = mailboxes.by_special_use(ctx, target.id, None)

    def restore() -> None:
        restored = archive.restore_range(ctx, target, *window)
        assert len(restored) == 10
        started = time.perf_counter()
        for message in restored:  # back to the archive for the next round (not timed: subtracted)
            archive.delete_message(ctx, target, message)
        restore.untimed += time.perf_counter() - started  # type: ignore[attr-defined]

    restore.untimed = 0.0  # type: ignore[attr-defined]
    assert inbox is not None
    return restore


def filter_cases(size: int) -> dict[str, Callable[[], None]]:
    ctx = _context(size // 400 + 1)
    user = None
    for n in range(size):
        if n % 400 == 0:
            user = create_user(ctx, {"username": f"filters{n}", "password": "bench-password"})
        action = {"targets": ["copy@example.net"]} if n == size // 2 else {"seen": True}
        filters.create(ctx, user.id, {"query": {"from": f"sender{n}"}, "action": action})
    middle = encode_cursor(filters.listed_ids(ctx, None, "")[size // 2])

    def page(forward: str = "", **paging: str) -> Callable[[], None]:
        def read() -> None:
            listed = paginate_keys(filters.listed_ids(ctx, None, forward), limit=PAGE, **paging)
            listed.envelope(lambda i: filters.global_listing_item(ctx, ctx.state.mail.filters[i], with_meta=False))
        return read

    return {"GET /filters, first page": page(), "GET /filters, middle page (cursor)": page(next_cursor=middle),
            "GET /filters?forward=copy@": page("copy@")}


def median_us(run: Callable[[], None], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        untimed = getattr(run, "untimed", 0.0)
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started - (getattr(run, "untimed", 0.0) - untimed)) * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,100000")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        started = time.perf_counter()
        cases = {"restore by range (10 of the user's)": restore_case(size), **filter_cases(size)}
        print(f"filled {size:,} archived messages and {size:,} filters in {time.perf_counter() - started:.1f} s", flush=True)
        results[size] = {name: median_us(run, args.rounds) for name, run in cases.items()}
    small, big = sizes[0], sizes[-1]
    print(f"\nmedian cost (µs, {args.rounds} rounds)\n")
    print(f"| operation | {small:,} records | {big:,} records | ratio |")
    print("|---|---:|---:|---:|")
    for name in results[small]:
        print(f"| {name} | {results[small][name]:.0f} | {results[big][name]:.0f} | {results[big][name] / results[small][name]:.2f} |")


if __name__ == "__main__":
    main()
