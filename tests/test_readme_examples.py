"""The README's shell examples run as written (issue 16, item 7: its `play` example failed).

Each ```sh block is run by bash against a mock of its own; ``make serve [SERVE_ARGS=...]``
becomes that server (on a free port, which replaces 8080 in the block). Lines that cannot run
here are left out, each for a stated reason.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.serve_process import ServeProcess

ROOT = Path(__file__).resolve().parent.parent
NOT_RUN_HERE = {
    "make test": "the whole suite; this test is part of it",
    "mock-server conform": "a full contract run takes minutes (tests/test_contract_conform.py runs it)",
    "mock-server compare": "needs the real WildDuck server (tests/test_contract_real_wildduck.py)",
    "mock-server proxy": "a server that runs until stopped (tests/test_contract_proxy.py)",
    "mock-server serve": "a server that runs until stopped; this test starts its own (serve and --state-file: "
                         "tests/test_serve_state_file.py)",
    "mock-server wait": "waits for the server the line before it starts (tests/test_serve_state_file.py)",
}


def sh_blocks() -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S | re.M)


def _commands(block: str) -> list[str]:
    return [command.strip() for command in re.sub(r"\\\n\s*", " ", block).splitlines() if command.strip()]


def _serve_args(block: str) -> list[str]:
    match = re.search(r'^make serve(?: SERVE_ARGS="([^"]*)")?', block, re.M)
    return shlex.split(match.group(1) or "") if match else []


def _runnable(block: str, port: int) -> str:
    kept = [c for c in _commands(block) if not c.startswith("make serve")
            and not any(skipped in c for skipped in NOT_RUN_HERE)]
    text = "\n".join(kept).replace(":8080", f":{port}")
    return text.replace(".venv/bin/", f"{Path(sys.executable).parent}/")


@pytest.mark.parametrize("block", sh_blocks(), ids=lambda block: _commands(block)[0][:40])
def test_readme_example_runs_as_written(block, tmp_path):
    server = ServeProcess(tmp_path, "--quiet", *_serve_args(block)).started()
    try:
        script = _runnable(block, int(server.url.rsplit(":", 1)[1]))
        result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, f"{script}\n---\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    finally:
        server.stop()
