"""The handler call Connexion's own Starlette decorator builds (parameters into keyword
arguments, ``pythonic_params``, the response and its serialisation), decorated once per
operation at start-up, with one change: turning a parameter name into a Python name.

Connexion converts every name of every request again (``inflection.underscore`` and three
regular expressions per name, about a tenth of a request's time). The conversion is a pure
function of the name, so it is remembered; names come from the document (an unknown query
name is refused by strict validation first), and the memory is bounded all the same.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from connexion.decorators import StarletteDecorator
from connexion.decorators.parameter import AsyncParameterDecorator

_NAMES_REMEMBERED = 4096


class _RememberingParameterDecorator(AsyncParameterDecorator):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sanitize_fn = functools.lru_cache(maxsize=_NAMES_REMEMBERED)(self.sanitize_fn)


class _Decorator(StarletteDecorator):
    @property
    def _parameter_decorator_cls(self) -> type[AsyncParameterDecorator]:
        return _RememberingParameterDecorator


def decorated_handler(function: Callable[..., Any], *, pythonic_params: bool, jsonifier: Any) -> Callable[..., Any]:
    return _Decorator(pythonic_params=pythonic_params, jsonifier=jsonifier).decorate(function)
