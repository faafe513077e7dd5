"""YAML read with libyaml's parser when PyYAML was built with it (the wheels are).

The pure-Python parser took most of start-up reading the documents and scenarios (issue 15:
cold start); libyaml builds the same data about ten times faster. A text libyaml refuses is
read again by the pure parser, so an error names the problem and line exactly as before.
"""

from __future__ import annotations

from typing import Any

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # raises with the pure parser's message, or reads what it accepts
