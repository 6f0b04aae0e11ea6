from __future__ import annotations

from typing import Any

import pytest

from domain.governance.core import ParameterSpec
from governance_rules.schema import check_parameters, defaults

SPECS = (
    ParameterSpec("days", "int", 5, minimum=0, maximum=100),
    ParameterSpec("ratio", "float", 0.5, minimum=0),
    ParameterSpec("strict", "bool", False),
    ParameterSpec("mode", "str", "a", choices=("a", "b")),
    ParameterSpec("kinds", "str_list", ("x",), choices=("x", "y")),
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"days": 7}, {"days": 7}),
        ({"days": 7.0}, {"days": 7}),  # JSON has one number type
        ({"ratio": 1}, {"ratio": 1.0}),
        ({"strict": True}, {"strict": True}),
        ({"mode": "b"}, {"mode": "b"}),
        ({"kinds": ["x", "y"]}, {"kinds": ("x", "y")}),
    ],
)
def test_valid_values_are_converted(raw: dict[str, Any], expected: dict[str, Any]) -> None:
    assert check_parameters("r", SPECS, raw) == (expected, [])


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ({"days": True}, "whole number"),
        ({"days": 1.5}, "whole number"),
        ({"days": -1}, "at least 0"),
        ({"days": 101}, "at most 100"),
        ({"ratio": "high"}, "must be a number"),
        ({"strict": 1}, "true or false"),
        ({"mode": "c"}, "one of a, b"),
        ({"kinds": "x"}, "list of strings"),
        ({"kinds": ["z"]}, "accepts only x, y"),
    ],
)
def test_invalid_values_are_refused_naming_the_parameter(raw: dict[str, Any], text: str) -> None:
    values, [problem] = check_parameters("rule.x", SPECS, raw)
    assert values == {}
    name = next(iter(raw))
    assert problem.field == ("parameters", name)
    assert f"parameter {name!r} of rule 'rule.x'" in problem.message
    assert text in problem.message
    assert problem.code == "INVALID_PARAMETER"


def test_unknown_parameter() -> None:
    _, [problem] = check_parameters("rule.x", SPECS, {"dayz": 1})
    assert problem.code == "UNKNOWN_PARAMETER"
    assert "'dayz'" in problem.message and "days" in problem.message


def test_defaults() -> None:
    assert defaults(SPECS)["kinds"] == ("x",)
