"""The auth log's bookkeeping: each user keeps their newest entries, similar events merge,
entries expire by the namespace clock (moved either way), and an imported log behaves the same."""

from __future__ import annotations

from dataclasses import replace

from mock_server import plain
from mock_server.apis.wildduck.auth.authlog import events_of, log_event
from mock_server.apis.wildduck.context import Context
from mock_server.apis.wildduck.state import WildDuckState
from tests.test_wildduck_mailstore_support import later, make_context


def _actions(ctx: Context, user: str) -> list[str]:
    return [event.action for event in events_of(ctx, user, action=None, ip=None, sess=None)]


def test_each_user_keeps_their_newest_entries_and_a_repeat_merges_into_its_entry() -> None:
    ctx = make_context(max_authlog_per_user=3)
    for n in range(5):
        log_event(ctx, "ann", f"step {n}", result="success")
    log_event(ctx, "bob", "authentication", result="fail")
    log_event(ctx, "ann", "step 4", result="success")
    assert _actions(ctx, "ann") == ["step 2", "step 3", "step 4"]
    assert [event.events for event in events_of(ctx, "ann", action="step 4", ip=None, sess=None)] == [2]
    assert _actions(ctx, "bob") == ["authentication"]
    assert len(ctx.state.authlog) == 4


def test_entries_expire_by_the_clock_and_an_imported_log_keeps_expiring_and_merging() -> None:
    ctx = make_context()
    log_event(ctx, "ann", "authentication", result="success")
    ctx = later(ctx, days=20)
    log_event(ctx, "ann", "password change", result="success")

    imported = replace(ctx, state=plain.load(WildDuckState, plain.dump(ctx.state)))
    for namespace in (ctx, imported):
        assert _actions(later(namespace, days=11), "ann") == ["password change"]
        assert list(namespace.state.authlog.values())[0].action == "password change"

    back = later(imported, days=-19)  # the clock moved back: nothing due, the entry of the same kind merges
    log_event(back, "ann", "password change", result="success")
    assert [(e.action, e.events) for e in events_of(back, "ann", action=None, ip=None, sess=None)] == [("password change", 2)]
    assert _actions(later(back, days=60), "ann") == [] and back.state.authlog == {}
