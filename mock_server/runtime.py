"""The server-wide objects (settings, namespaces, journal) that the control API reaches."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .journal import Journal
from .settings import Settings
from .world import World, Worlds

if TYPE_CHECKING:
    from .persistence import StateFile

_current: ContextVar["Runtime"] = ContextVar("current_runtime")


@dataclass
class Runtime:
    settings: Settings
    worlds: Worlds
    journal: Journal
    state_file: "StateFile | None" = None
    """Set by ``serve --state-file``; ``POST /_mock/state/save`` writes it."""

    @classmethod
    def create(cls, settings: Settings, prepare: Callable[[World], None] | None = None) -> "Runtime":
        return cls(settings=settings, worlds=Worlds(settings, prepare), journal=Journal(settings.journal_size))


def current_runtime() -> Runtime:
    return _current.get()


def enter_runtime(runtime: Runtime) -> None:
    _current.set(runtime)
