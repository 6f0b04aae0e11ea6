"""Validating rule parameters against a rule's parameter schema.

Used when a portfolio admin configures a rule (``configureRule``) and when rule sets are
merged; every message names the rule and the parameter, because it goes straight to the user.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.governance.core import ConfigProblem, ParameterSpec, ParameterValue


def _convert(rule_id: str, spec: ParameterSpec, raw: Any) -> tuple[ParameterValue | None, str]:
    where = f"parameter {spec.name!r} of rule {rule_id!r}"
    value: ParameterValue
    # bool is an int subclass in Python; JSON true must not pass as a number.
    if spec.type == "bool":
        if not isinstance(raw, bool):
            return None, f"{where} must be true or false, got {raw!r}"
        return raw, ""
    if spec.type == "int":
        if isinstance(raw, bool) or not isinstance(raw, int):
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            else:
                return None, f"{where} must be a whole number, got {raw!r}"
        value = raw
    elif spec.type == "float":
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            return None, f"{where} must be a number, got {raw!r}"
        value = float(raw)
    elif spec.type == "str":
        if not isinstance(raw, str):
            return None, f"{where} must be a string, got {raw!r}"
        if spec.choices and raw not in spec.choices:
            return None, f"{where} must be one of {', '.join(spec.choices)}, got {raw!r}"
        return raw, ""
    else:  # str_list
        if not isinstance(raw, list | tuple) or not all(isinstance(x, str) for x in raw):
            return None, f"{where} must be a list of strings, got {raw!r}"
        bad = [x for x in raw if spec.choices and x not in spec.choices]
        if bad:
            return None, f"{where} accepts only {', '.join(spec.choices)}; not {', '.join(bad)}"
        return tuple(raw), ""
    assert isinstance(value, int | float)
    if spec.minimum is not None and value < spec.minimum:
        return None, f"{where} must be at least {spec.minimum:g}, got {value!r}"
    if spec.maximum is not None and value > spec.maximum:
        return None, f"{where} must be at most {spec.maximum:g}, got {value!r}"
    return value, ""


def check_parameters(
    rule_id: str, specs: Sequence[ParameterSpec], raw: Mapping[str, Any]
) -> tuple[dict[str, ParameterValue], list[ConfigProblem]]:
    """Valid values converted to their types, and a problem for each invalid or unknown one."""
    by_name = {spec.name: spec for spec in specs}
    values: dict[str, ParameterValue] = {}
    problems: list[ConfigProblem] = []
    for name, given in raw.items():
        spec = by_name.get(name)
        if spec is None:
            known = ", ".join(sorted(by_name)) or "none"
            problems.append(
                ConfigProblem(
                    ("parameters", name),
                    f"rule {rule_id!r} has no parameter {name!r} (its parameters: {known})",
                    "UNKNOWN_PARAMETER",
                )
            )
            continue
        value, error = _convert(rule_id, spec, given)
        if value is None:
            problems.append(ConfigProblem(("parameters", name), error, "INVALID_PARAMETER"))
        else:
            values[name] = value
    return values, problems


def defaults(specs: Sequence[ParameterSpec]) -> dict[str, ParameterValue]:
    return {spec.name: spec.default for spec in specs}
