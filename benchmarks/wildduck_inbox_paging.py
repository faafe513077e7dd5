"""Does a page of a WildDuck mailbox cost the same with 100,000 messages as with 100?

Fills two INBOXes (100 and 100,000 messages, one parsed Faker message stored over and over
through the normal store path), then times the operation behind
``GET /users/{user}/mailboxes/{mailbox}/messages`` (index, cursor, rendering the page of 20)
for the first page and a page in the middle (by cursor), in both orders.

Run: ``.venv/bin/python benchmarks/wildduck_inbox_paging.py [--sizes 100,100000] [--rounds 300]``.
Prints a table and the ratio of the big mailbox's cost to the small one's: about 1 means page
cost does not grow with the mailbox. (Filling 100,000 messages takes a few seconds.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mock_server.apis.wildduck.accounts.users import create_user  # noqa: E402
from mock_server.apis.wildduck.context import Context  # noqa: E402
from mock_server.apis.wildduck.mailstore import mailboxes, messages  # noqa: E402
from mock_server.apis.wildduck.mailstore.fakemail import fake_message  # noqa: E402
from mock_server.apis.wildduck.mailstore.listing import mailbox_page  # noqa: E402
from mock_server.apis.wildduck.mailstore.mime import parse  # noqa: E402
from mock_server.apis.wildduck.mailstore.paging import cursor_for  # noqa: E402
from mock_server.apis.wildduck.seed import API_NAME  # noqa: E402
from mock_server.apis.wildduck.state import WildDuckState  # noqa: E402
from mock_server.ids import Randomness  # noqa: E402
from mock_server.settings import Settings  # noqa: E402

START = datetime(2025, 1, 1, tzinfo=timezone.utc)
PAGE = 20


@dataclass
class Filled:
    ctx: Context
    user_id: str
    mailbox_id: str
    size: int


def fill(size: int) -> Filled:
    config = Settings(max_namespaces=1).api(API_NAME)
    config = type(config)(**{**config.__dict__, "max_messages_per_mailbox": max(size, 1)})
    ctx = Context(WildDuckState(), config, START, Randomness(1, API_NAME))
    user = create_user(ctx, {"username": "bench", "password": "bench-password", "quota": 1 << 50})
    inbox = mailboxes.by_special_use(ctx, user.id, None)
    raw = fake_message(ctx.random, sender=("Sender", "sender@example.org"), to=("Bench", user.address), date=START)
    parsed = parse(raw)
    for n in range(size):
        arrival = messages.Arrival(seen=n % 3 == 0, idate=START + timedelta(seconds=n))
        messages.store(ctx, user, inbox, raw, parsed, arrival)
    return Filled(ctx, user.id, inbox.id, size)


def time_page(filled: Filled, rounds: int, **paging) -> float:
    """Median microseconds for one page."""
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        mailbox_page(filled.ctx, filled.user_id, filled.mailbox_id, limit=PAGE, **paging)
        samples.append((time.perf_counter() - started) * 1e6)
    return statistics.median(samples)


def cases(filled: Filled) -> dict[str, dict]:
    middle_key = messages.mail(filled.ctx).index.ordered(filled.mailbox_id)[filled.size // 2]
    return {
        "first page, newest first": {},
        "middle page (cursor), newest first": {"next_cursor": cursor_for(middle_key), "page": 2},
        "first page, oldest first": {"order": "asc"},
        "middle page (cursor), oldest first": {"order": "asc", "next_cursor": cursor_for(middle_key), "page": 2},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,100000")
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        started = time.perf_counter()
        filled = fill(size)
        print(f"filled an INBOX with {size:,} messages in {time.perf_counter() - started:.1f} s", flush=True)
        results[size] = {name: time_page(filled, args.rounds, **paging) for name, paging in cases(filled).items()}
    small, big = sizes[0], sizes[-1]
    print(f"\nmedian cost of one page of {PAGE} (µs, {args.rounds} rounds)\n")
    print(f"| page | {small:,} messages | {big:,} messages | ratio |")
    print("|---|---:|---:|---:|")
    for name in results[small]:
        ratio = results[big][name] / results[small][name]
        print(f"| {name} | {results[small][name]:.0f} | {results[big][name]:.0f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
