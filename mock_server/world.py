"""World: all the state of one namespace. Worlds: the bounded set of namespaces.

A World is created on first use from the server seed, so every namespace starts from the
same seeded data; after that namespaces never share anything. All state is plain data
(dataclasses, see plain.py), so a World exports to JSON and imports back exactly.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, TypeVar

from . import plain
from .clock import Clock
from .errors import ApiError, Reason
from .ids import Randomness
from .outbox import Outbox, OutboxMessage, compose
from .registry import all_apis
from .settings import Settings
from .sliding_window import SlidingWindow

T = TypeVar("T")

NAMESPACE_HEADER = "x-mock-namespace"
DEFAULT_NAMESPACE = "default"
NAMESPACE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
EXPORT_VERSION = 1

_current: ContextVar["World"] = ContextVar("current_world")


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

    def send_mail(
        self,
        api: str,
        *,
        sender: tuple[str, str],
        to: list[tuple[str, str]],
        subject: str,
        text: str,
        html: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> OutboxMessage:
        """Capture an email an API sends, as a real RFC 822 message, in this namespace's outbox."""
        raw = self.compose_mail(api, sender=sender, to=to, subject=subject, text=text, html=html, headers=headers)
        return self.send_raw(api, raw, [address for _name, address in to])

    def compose_mail(
        self,
        api: str,
        *,
        sender: tuple[str, str],
        to: list[tuple[str, str]],
        subject: str,
        text: str,
        html: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> str:
        """The RFC 822 source :meth:`send_mail` sends, for an API that changes it (signs it)
        before :meth:`send_raw`. Ids and boundaries come from the namespace's seeded stream."""
        ids = self.random("outbox")
        message_id = f"<{ids.hex(24)}@{api}.mock.invalid>"
        return compose(
            sender=sender, to=to, subject=subject, text=text, html=html,
            message_id=message_id, boundary=lambda: f"=_{ids.hex(32)}", date=self.now(), headers=headers,
        )

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
    def restore(cls, data: dict[str, Any], settings: Settings) -> "World":
        world = cls(data["namespace"], settings, seed=int(data["seed"]), seed_data=False)
        world.clock = plain.load(Clock, data["clock"])
        world.outbox = plain.load(Outbox, data["outbox"])
        world.behaviour = plain.load(BehaviourState, data.get("behaviour") or {})
        for name, state in data["random"].items():
            world.random(name).restore(state)
        for api in all_apis():
            if api.state_type is not None and api.name in data["apis"]:
                world._states[api.name] = plain.load(api.state_type, data["apis"][api.name])
        return world


class Worlds:
    """Namespace name -> World, at most ``settings.max_namespaces`` of them."""

    def __init__(self, settings: Settings, prepare: Callable[[World], None] | None = None) -> None:
        self.settings = settings
        self.prepare = prepare
        """Runs on every new World (the default scenario's seed and rules)."""
        self._worlds: dict[str, World] = {}

    def get(self, namespace: str) -> World:
        if not NAMESPACE_PATTERN.match(namespace):
            raise ApiError(
                400,
                f"Invalid X-Mock-Namespace {namespace!r}: use 1-64 letters, digits, '.', '_' or '-'",
                reason=Reason.MOCK,
            )
        world = self._worlds.get(namespace)
        if world is None:
            if len(self._worlds) >= self.settings.max_namespaces:
                raise ApiError(
                    429,
                    f"Namespace limit reached ({self.settings.max_namespaces}); "
                    "reset namespaces with POST /_mock/reset?all=true",
                    reason=Reason.MOCK,
                )
            world = World(namespace, self.settings)
            if self.prepare is not None:
                self.prepare(world)
            self._worlds[namespace] = world
        return world

    def replace(self, world: World) -> None:
        """Put a freshly built World in place of its namespace's current one."""
        self._worlds[world.namespace] = world

    def names(self) -> list[str]:
        return sorted(self._worlds)

    def reset(self, namespace: str) -> None:
        self._worlds.pop(namespace, None)

    def reset_all(self) -> None:
        self._worlds.clear()

    def export(self) -> dict[str, Any]:
        return {
            "version": EXPORT_VERSION,
            "namespaces": {name: world.export() for name, world in sorted(self._worlds.items())},
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Replace every namespace with the exported ones (all or nothing)."""
        if data.get("version") != EXPORT_VERSION:
            raise ApiError(400, f"Unsupported state version {data.get('version')!r}", reason=Reason.VALIDATION)
        namespaces = data.get("namespaces") or {}
        if len(namespaces) > self.settings.max_namespaces:
            raise ApiError(400, "More namespaces than the server allows", reason=Reason.VALIDATION)
        try:
            restored = {name: World.restore(world, self.settings) for name, world in namespaces.items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ApiError(400, f"State document does not match this server: {exc}", reason=Reason.VALIDATION) from exc
        self._worlds = restored


def current_world() -> World:
    return _current.get()


def enter_world(world: World) -> None:
    _current.set(world)
