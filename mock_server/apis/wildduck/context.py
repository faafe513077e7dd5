"""What every domain operation needs from the namespace: its state, knobs, clock and dice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...ids import Randomness
from ...world import World, current_world
from .config import WildDuckConfig
from .state import WildDuckState

API_NAME = "wildduck"


@dataclass
class Context:
    state: WildDuckState
    config: WildDuckConfig
    now: datetime
    random: Randomness
    namespace: str = ""
    """For what leaves the request (webhook deliveries name their namespace in the journal)."""

    @classmethod
    def of(cls, world: World) -> "Context":
        return cls(world.state(API_NAME), world.settings.api(API_NAME), world.now(), world.random(API_NAME),
                   world.namespace)

    @classmethod
    def current(cls) -> "Context":
        return cls.of(current_world())

    def object_id(self) -> str:
        """A MongoDB-style ObjectId: seconds, 5 random bytes fixed per namespace (per process
        on the real server), a counter. Ids sort by creation, as the real ones do, so
        listings and cursors keep their order as records are added."""
        if not self.state.id_process:
            self.state.id_process = self.random.hex(10)
        self.state.id_counter += 1
        seconds = int(self.now.timestamp()) & 0xFFFFFFFF
        return f"{seconds:08x}{self.state.id_process}{self.state.id_counter & 0xFFFFFF:06x}"
