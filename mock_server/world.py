"""World: all the state of one namespace. Worlds: the bounded set of namespaces.

A World is created on first use from the server seed, so every namespace starts from the
same seeded data; after that namespaces never share anything. All state is plain data
(dataclasses, see plain.py), so a World exports to JSON and imports back exactly.
"""

from __future__ import annotations

import pickle
import re
import time
from collections import Counter, OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterator, TypeVar, Unpack

from . import plain
from .clock import Clock, ClockError
from .errors import ApiError, Reason
from .ids import Randomness
from .outbox import Letter, Outbox, OutboxMessage, compose
from .registry import all_apis
from .settings import Settings
from .sliding_window import SlidingWindow

T = TypeVar("T")

NAMESPACE_HEADER = "x-mock-namespace"
DEFAULT_NAMESPACE = "default"
NAMESPACE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
EXPORT_VERSION = 2
"""2: random streams export as {words, position, gauss} (1 had Python's raw state tuple)."""

_current: ContextVar["World"] = ContextVar("current_world")
_current_namespace: ContextVar[str] = ContextVar("current_namespace", default=DEFAULT_NAMESPACE)


@dataclass
class BehaviourState:
    """Which scenario steers this namespace, and the rate-limit windows its rules keep."""

    scenario: str | None = None
    windows: SlidingWindow = field(default_factory=SlidingWindow)
    """Rule name -> times (namespace clock) of the requests its rate limit counted."""


class World:
    def __init__(self, namespace: str, settings: Settings, *, seed: int | None = None, seed_data: bool = True) -> None:
        self.namespace = namespace
        self.settings = settings
        self.seed = settings.seed if seed is None else seed
        self.clock = Clock(frozen_at=settings.clock)
        self.outbox = Outbox()
        self.behaviour = BehaviourState()
        self._random: dict[str, Randomness] = {}
        self._states: dict[str, Any] = {}
        if seed_data:
            for api in all_apis():
                if api.create_state is not None:
                    self._states[api.name] = api.create_state(self)

    def now(self) -> datetime:
        return self.clock.now()

    def random(self, stream: str) -> Randomness:
        """The seeded random stream named ``stream`` (usually an API's name)."""
        if stream not in self._random:
            self._random[stream] = Randomness(self.seed, stream)
        return self._random[stream]

    def state(self, api_name: str) -> Any:
        return self._states[api_name]

    def replace_state(self, api_name: str, state: Any) -> None:
        self._states[api_name] = state

    def send_mail(self, api: str, **letter: Unpack[Letter]) -> OutboxMessage:
        """Capture an email an API sends, as a real RFC 822 message, in this namespace's outbox:
        :meth:`compose_mail`, then :meth:`send_raw` to the ``to`` addresses."""
        return self.send_raw(api, self.compose_mail(api, **letter), [address for _name, address in letter["to"]])

    def compose_mail(self, api: str, **letter: Unpack[Letter]) -> str:
        """The RFC 822 source :meth:`send_mail` sends, for an API that changes it (signs it)
        before :meth:`send_raw`. Ids and boundaries come from the namespace's seeded stream."""
        ids = self.random("outbox")
        message_id = f"<{ids.hex(24)}@{api}.mock.invalid>"
        return compose(**letter, message_id=message_id, boundary=lambda: f"=_{ids.hex(32)}", date=self.now())

    def send_raw(self, api: str, raw: str, recipients: list[str]) -> OutboxMessage:
        """Capture a message an API built itself (envelope recipients given apart, so Bcc
        works), and offer it for delivery like :meth:`send_mail`."""
        message = OutboxMessage(id=self.random("outbox").hex(24), api=api, created=self.now(), raw=raw)
        self.outbox.add(message, self.settings.outbox_size)
        self.deliver(raw, recipients)
        return message

    def deliver(self, raw: str, recipients: list[str]) -> list[str]:
        """Offer a message to every API that keeps mailboxes (WildDuck); the addresses taken."""
        taken: list[str] = []
        for api in all_apis():
            if api.accept_mail is not None:
                taken += api.accept_mail(self, raw, recipients)
        return taken

    def export(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "seed": self.seed,
            "clock": plain.dump(self.clock),
            "outbox": plain.dump(self.outbox),
            "behaviour": plain.dump(self.behaviour),
            "random": {name: stream.export() for name, stream in sorted(self._random.items())},
            "apis": {name: plain.dump(state) for name, state in sorted(self._states.items())},
        }

    @classmethod
    def restore(cls, data: Any, settings: Settings, name: str | None = None) -> "World":
        """The namespace ``name`` (default: the one ``data`` names) of a state document, every
        part checked against its type; ApiError 400 naming namespace, part and field in words
        when one does not fit."""
        if name is None:
            name = str(data.get("namespace")) if isinstance(data, dict) else ""
        where = f"namespace {name!r}"
        if not NAMESPACE_PATTERN.match(name):
            raise _refusal(f"{where}: a namespace name is 1-64 letters, digits, '.', '_' or '-'")
        if not isinstance(data, dict):
            raise _refusal(f"{where}: expected an object")
        expected = {"namespace", "seed", "clock", "outbox", "behaviour", "random", "apis"}
        if problem := _keys_problem(data, expected, expected):
            raise _refusal(f"{where}: {problem}")
        if data["namespace"] != name:
            raise _refusal(f"{where}: its 'namespace' field says {data['namespace']!r}")
        seed = _part(where, "seed", int, data["seed"])
        world = cls(name, settings, seed=seed, seed_data=False)
        world.clock = _part(where, "clock", Clock, data["clock"])
        try:
            world.clock.check()
        except ClockError as exc:
            raise _refusal(f"{where}, clock: {exc}") from exc
        world.outbox = _part(where, "outbox", Outbox, data["outbox"])
        world.behaviour = _part(where, "behaviour", BehaviourState, data["behaviour"])
        for stream, state in _part(where, "random", dict[str, Any], data["random"]).items():
            try:
                world.random(stream).restore(state)
            except ValueError as exc:
                raise _refusal(f"{where}, random stream {stream!r}: {exc}") from exc
        apis = {api.name: api for api in all_apis() if api.state_type is not None}
        states = _part(where, "apis", dict[str, Any], data["apis"])
        if problem := _keys_problem(states, set(apis), set()):
            raise _refusal(f"{where}, apis: {problem}")
        for api_name, state in states.items():
            world._states[api_name] = _part(f"{where}, API {api_name!r}", "", apis[api_name].state_type, state)
        return world


def _keys_problem(data: dict[str, Any], allowed: set[str], required: set[str]) -> str | None:
    if unknown := sorted(set(data) - allowed):
        return f"{unknown[0]!r} is not known here (known: {', '.join(sorted(allowed)) or 'none'})"
    if missing := sorted(required - set(data)):
        return f"{missing[0]!r} is missing"
    return None


def _part(where: str, part: str, kind: Any, data: Any) -> Any:
    try:
        return plain.load(kind, data)
    except plain.PlainError as error:
        located = error.inside(part) if part else error
        raise _refusal(f"{where}, record {located.where}: {located.problem}" if located.where
                       else f"{where}: {located.problem}") from None


class WorldTemplate:
    """A freshly seeded World that every new namespace starts as a copy of.

    Seeding a namespace costs several hundred milliseconds of Faker, a deep copy of the seeded
    state some tens; unpickling a snapshot taken once costs a few (issue 15: a new namespace's
    first answer under 20 ms). One snapshot of everything keeps objects shared between parts
    shared, as a deep copy does. The seeded World is never handed out, so the snapshot stays true.
    """

    def __init__(self, seeded: World) -> None:
        self.settings = seeded.settings
        self.seed = seeded.seed
        self._snapshot = pickle.dumps(
            (seeded.clock, seeded.outbox, seeded.behaviour, seeded._random, seeded._states), pickle.HIGHEST_PROTOCOL
        )

    def copy_as(self, namespace: str) -> World:
        world = World(namespace, self.settings, seed=self.seed, seed_data=False)
        world.clock, world.outbox, world.behaviour, world._random, world._states = pickle.loads(self._snapshot)
        return world


class Worlds:
    """Namespace name -> World, at most ``settings.max_namespaces`` of them.

    A long-lived shared mock must never fill up by itself: a namespace nobody used for
    ``settings.namespace_idle_seconds`` is dropped, least recently used first, whenever room
    is needed or the list is read. A namespace with a request in flight is never dropped.
    Idle time is wall time (``monotonic``), not a namespace clock, which tests move freely.
    """

    def __init__(
        self,
        settings: Settings,
        prepare: Callable[[World], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.prepare = prepare
        """Runs on every new World (the default scenario's seed and rules)."""
        self._monotonic = monotonic
        self._worlds: OrderedDict[str, World] = OrderedDict()
        """Least recently used first."""
        self._last_used: dict[str, float] = {}
        self._in_use: Counter[str] = Counter()
        self._template: WorldTemplate | None = None
        """Every namespace starts as a copy of this, seeded once."""

    def get(self, namespace: str) -> World:
        """The namespace's World, created from the seed on first use; marks it used now."""
        check_namespace_name(namespace)
        world = self._worlds.get(namespace)
        if world is None:
            self.evict_idle()
            if len(self._worlds) >= self.settings.max_namespaces:
                raise ApiError(
                    429,
                    f"Namespace limit reached ({self.settings.max_namespaces} in use, none idle for "
                    f"{self.settings.namespace_idle_seconds:g} s); reuse a namespace, or free them with "
                    "POST /_mock/reset (one) or POST /_mock/reset?all=true (every one)",
                    reason=Reason.MOCK,
                )
            if self._template is None:
                self._template = WorldTemplate(World("seeded", self.settings))
            world = self._template.copy_as(namespace)
            if self.prepare is not None:
                self.prepare(world)
            self._worlds[namespace] = world
        self._touch(namespace)
        return world

    @contextmanager
    def using(self, namespace: str) -> Iterator[World]:
        """The namespace's World for the length of one request: never evicted meanwhile."""
        world = self.enter(namespace)
        try:
            yield world
        finally:
            self.leave(namespace)

    def enter(self, namespace: str) -> World:
        """:meth:`using` without a generator, for the front door (every request): the namespace's
        World, kept until the matching :meth:`leave`."""
        world = self.get(namespace)
        self._in_use[namespace] += 1
        return world

    def leave(self, namespace: str) -> None:
        """End one :meth:`enter`: the namespace may be evicted again once idle."""
        in_use = self._in_use[namespace] - 1
        if in_use:
            self._in_use[namespace] = in_use
        else:
            del self._in_use[namespace]
        if namespace in self._worlds:
            self._touch(namespace)

    def evict_idle(self) -> list[str]:
        """Drop every namespace idle for longer than the idle time; the names dropped."""
        idle_seconds = self.settings.namespace_idle_seconds
        if idle_seconds <= 0:
            return []
        cutoff = self._monotonic() - idle_seconds
        dropped = [
            name for name in self._worlds  # least recently used first
            if self._last_used.get(name, cutoff) <= cutoff and not self._in_use[name]
        ]
        for name in dropped:
            self.reset(name)
        return dropped

    def _touch(self, namespace: str) -> None:
        self._worlds.move_to_end(namespace)
        self._last_used[namespace] = self._monotonic()

    def replace(self, world: World) -> None:
        """Put a freshly built World in place of its namespace's current one."""
        self._worlds[world.namespace] = world
        self._touch(world.namespace)

    def names(self) -> list[str]:
        self.evict_idle()
        return sorted(self._worlds)

    def reset(self, namespace: str) -> bool:
        """Drop one namespace (its next request starts from the seed); False if there was none."""
        self._last_used.pop(namespace, None)
        return self._worlds.pop(namespace, None) is not None

    def reset_all(self) -> list[str]:
        names = sorted(self._worlds)
        self._worlds.clear()
        self._last_used.clear()
        return names

    def current(self) -> list[tuple[str, World]]:
        """Every namespace and its World, by name (idle ones included: reading evicts none)."""
        return sorted(self._worlds.items())

    def export(self) -> dict[str, Any]:
        """The state document in one go; the server takes it with ``state_document.snapshot``,
        which lets other requests run between namespaces."""
        return {"version": EXPORT_VERSION, "namespaces": {name: world.export() for name, world in self.current()}}

    def restore(self, data: dict[str, Any]) -> None:
        """Replace every namespace with the exported ones, all or nothing: every namespace and
        record is checked before anything is replaced, and a refusal says where and why."""
        self.install(self.restored(data))

    def restored(self, data: dict[str, Any]) -> dict[str, World]:
        """The Worlds of a state document, checked, without touching the current ones (so a
        caller may build them off the event loop and :meth:`install` them on it)."""
        if not isinstance(data, dict) or data.get("version") != EXPORT_VERSION:
            version = data.get("version") if isinstance(data, dict) else None
            raise _refusal(f"the state document's version is {version!r}; this server reads version {EXPORT_VERSION}")
        namespaces = data.get("namespaces")
        if not isinstance(namespaces, dict):
            raise _refusal("'namespaces' must be an object of namespace name -> namespace state")
        if len(namespaces) > self.settings.max_namespaces:
            raise _refusal(
                f"the document has {len(namespaces)} namespaces; this server allows {self.settings.max_namespaces}"
            )
        return {name: World.restore(world, self.settings, name) for name, world in namespaces.items()}

    def install(self, restored: dict[str, World]) -> None:
        """Put ``restored`` in place of every namespace."""
        self.reset_all()
        for name, world in sorted(restored.items()):
            self._worlds[name] = world
            self._touch(name)


def check_namespace_name(namespace: str) -> None:
    if not NAMESPACE_PATTERN.match(namespace):
        raise ApiError(
            400,
            f"Invalid X-Mock-Namespace {namespace!r}: use 1-64 letters, digits, '.', '_' or '-'",
            reason=Reason.MOCK,
        )


def _refusal(message: str) -> ApiError:
    return ApiError(400, f"State document refused: {message}", reason=Reason.MOCK)


def current_world() -> World:
    return _current.get()


def enter_world(world: World) -> None:
    _current.set(world)


def current_namespace() -> str:
    """The namespace the request names, also for server-wide calls, which get no World."""
    return _current_namespace.get()


def enter_namespace(namespace: str) -> None:
    _current_namespace.set(namespace)
