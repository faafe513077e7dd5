"""``mock-server serve`` as a separate process, the way a team server or a CI job runs it:
on a free port it reports through ``--port-file``."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

START_SECONDS = 60


class ServeProcess:
    def __init__(self, workdir: Path, *flags: str) -> None:
        self.port_file = workdir / f"port-{time.monotonic_ns()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mock_server.cli", "serve", "--port", "0", "--port-file", str(self.port_file),
             "--seed", "5", *flags],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=workdir,
        )
        self.output = ""
        self.errors = ""

    def started(self) -> "ServeProcess":
        deadline = time.monotonic() + START_SECONDS
        while not self.port_file.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop(signal.SIGKILL)
                raise AssertionError(f"serve did not start: {self.errors}")
            time.sleep(0.05)
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port_file.read_text().strip()}"

    def stop(self, how: signal.Signals = signal.SIGTERM) -> int:
        """Send ``how`` if it still runs, then collect its output (once; later calls do nothing)."""
        if self.process.poll() is None:
            self.process.send_signal(how)
        if self.process.stdout is not None and not self.process.stdout.closed:
            self.output, self.errors = self.process.communicate(timeout=30)
        return self.process.wait()
