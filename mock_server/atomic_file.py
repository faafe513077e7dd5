"""Write a file so that a reader (or a crash) only ever sees the old content or the new."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

_temp_numbers = itertools.count(1)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it
    over ``path`` and flush the directory, so a power cut or SIGKILL at any moment leaves a
    complete file behind."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{next(_temp_numbers)}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
