"""``template_for`` looks in one bucket of templates (same slash count, same literal first
segment); it must give the answer of trying every template in rank order."""

from __future__ import annotations

import re

from mock_server.operation_index import PathTemplate, _templates, template_for

_PARAM = re.compile(r"\{[^}/]+\}")
VALUES = ("abc", "me", "users", "a b", "a\n", "\n", "%2F", "ä")


def _every_template_in_rank_order(path: str) -> PathTemplate | None:
    ranked = sorted(_templates(), key=lambda template: -template.literal_segments)
    return next((template for template in ranked if template.pattern.match(path)), None)


def _paths() -> list[str]:
    paths = ["", "/", "//", "/\n", "users", "/users", "/users/", "/nowhere/at/all", "/_mock", "/_mock/"]
    for template in _templates():
        full = template.mount.base_path + template.template
        for value in VALUES:
            concrete = _PARAM.sub(value, full)
            paths += [concrete, concrete + "\n", concrete + "\n\n", concrete + "/", concrete + "/x", "/x" + concrete,
                      concrete[:-1], concrete.upper()]
    return paths


def test_the_bucket_gives_the_answer_of_every_template() -> None:
    paths = _paths()
    differing = [path for path in paths if template_for(path) is not _every_template_in_rank_order(path)]
    assert differing == []
    assert {id(template_for(path)) for path in paths} >= {id(template) for template in _templates()}  # all reached
