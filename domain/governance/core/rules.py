"""Rules: what a rule declares, what its check receives, and how a portfolio configures it.

A rule is a pure function over a :class:`RuleContext` that yields :class:`Finding` values;
the engine turns findings into violations with the rule's id and the severity in force.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

from domain.governance.core.enums import PmoType, Severity
from domain.governance.core.methodology import Methodology
from domain.governance.core.snapshots import Change, ProjectSnapshot

ParameterValue: TypeAlias = bool | int | float | str | tuple[str, ...]
ParameterType: TypeAlias = Literal["int", "float", "bool", "str", "str_list"]

ALL_WARNING: Mapping[PmoType, Severity] = MappingProxyType(dict.fromkeys(PmoType, Severity.WARNING))


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    """One parameter of a rule: its type, default and bounds (the rule's parameter schema)."""

    name: str
    type: ParameterType
    default: ParameterValue
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """JSON form for the API's ``RuleDescriptor.parameters``."""
        out: dict[str, Any] = {
            "type": self.type,
            "default": list(self.default) if isinstance(self.default, tuple) else self.default,
            "description": self.description,
        }
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.choices:
            out["choices"] = list(self.choices)
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule check yields: a message and, when it is about one thing, that thing's id."""

    message: str
    subject_id: str | None = None


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a rule check receives.

    ``parameters`` are already validated and complete (defaults filled in). ``to_phase`` is
    set when a phase gate is being decided, ``change`` when a change is being validated.
    """

    project: ProjectSnapshot
    parameters: Mapping[str, ParameterValue]
    methodology: Methodology | None = None
    change: Change | None = None
    to_phase: str | None = None

    # Typed accessors: parameters were validated against the schema, so a wrong type here is
    # a bug in the rule's own schema and should fail loudly (the engine reports it).
    def number(self, name: str) -> float:
        value = self.parameters[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"parameter {name!r} is not a number")
        return float(value)

    def integer(self, name: str) -> int:
        value = self.parameters[name]
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"parameter {name!r} is not an integer")
        return value

    def text(self, name: str) -> str:
        value = self.parameters[name]
        if not isinstance(value, str):
            raise TypeError(f"parameter {name!r} is not a string")
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.parameters[name]
        if not isinstance(value, tuple):
            raise TypeError(f"parameter {name!r} is not a list of strings")
        return value

    def flag(self, name: str) -> bool:
        value = self.parameters[name]
        if not isinstance(value, bool):
            raise TypeError(f"parameter {name!r} is not a boolean")
        return value


RuleCheck: TypeAlias = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class RuleDescriptor:
    """A rule as the API lists it (``ruleCatalog``); ``source`` is the declaring plugin."""

    id: str
    description: str
    applies_to: str
    parameters: tuple[ParameterSpec, ...]
    source: str
    default_severity: Mapping[PmoType, Severity] = field(default_factory=lambda: ALL_WARNING)

    def parameters_json(self) -> dict[str, Any]:
        return {spec.name: spec.to_json() for spec in self.parameters}


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as a plugin declares it (``pmo_declare_rules``).

    ``applies_to`` names what the rule looks at: ``project``, ``schedule``, ``task``,
    ``dependency``, ``risk`` or ``resource``. ``changes`` are the change kinds (globs such as
    ``task.*``) it governs and ``gates`` the phases whose entry gate checks it, unless a rule
    set says otherwise; ``default_severity`` is used for a PMO type whose default rule set
    does not mention the rule.
    """

    id: str
    description: str
    applies_to: str
    check: RuleCheck
    parameters: tuple[ParameterSpec, ...] = ()
    default_severity: Mapping[PmoType, Severity] = field(default_factory=lambda: ALL_WARNING)
    changes: tuple[str, ...] = ()
    gates: tuple[str, ...] = ()
    enabled_by_default: bool = True

    def descriptor(self, source: str) -> RuleDescriptor:
        return RuleDescriptor(
            id=self.id,
            description=self.description,
            applies_to=self.applies_to,
            parameters=self.parameters,
            source=source,
            default_severity=self.default_severity,
        )


@dataclass(frozen=True, slots=True)
class ConfiguredRule:
    """A rule as it is in force for a portfolio: the effective rule set is a list of these.

    ``gates`` are phases whose entry gate evaluates the rule (``*`` for every gate) on top of
    what the methodology requires; ``changes`` are the change kinds that trigger it.
    """

    rule_id: str
    enabled: bool
    severity: Severity
    parameters: Mapping[str, ParameterValue] = field(default_factory=dict)
    gates: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen(self.parameters))

    def parameters_json(self) -> dict[str, Any]:
        """Parameters as plain JSON values (lists, not tuples) for the API and storage."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.parameters.items()}


@dataclass(frozen=True, slots=True)
class RuleSetEntry:
    """One rule's line in a default rule set (a PMO type's TOML file, or a plugin's
    ``pmo_default_rules``). ``None`` fields leave the value from the layer below."""

    rule_id: str
    enabled: bool | None = None
    severity: Severity | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    gates: tuple[str, ...] | None = None
    changes: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen(self.parameters))


@dataclass(frozen=True, slots=True)
class RuleOverride:
    """One portfolio's setting for one rule, as stored by ``configureRule``.

    ``severity`` ``None`` keeps the PMO type's default; ``parameters`` holds only the
    parameters the admin set (raw JSON values; validated against the rule's schema).
    """

    rule_id: str
    enabled: bool = True
    severity: Severity | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", _frozen(self.parameters))


@dataclass(frozen=True, slots=True)
class ExpressionRuleDefinition:
    """An admin-authored rule (``defineRule``): a CEL expression that must hold.

    ``applies_to`` is ``project`` (evaluated once) or ``task``/``risk``/``dependency``
    (evaluated per item, the item bound as ``task``/``risk``/``dependency``). When the
    expression is false a violation with ``message`` is reported.
    """

    rule_id: str
    applies_to: str
    expression: str
    severity: Severity
    message: str
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class PortfolioRules:
    """A portfolio's stored governance configuration; defaults come from its PMO type."""

    overrides: tuple[RuleOverride, ...] = ()
    expression_rules: tuple[ExpressionRuleDefinition, ...] = ()


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    """Why a rule configuration was refused; maps onto the API's ``UserError``."""

    field: tuple[str, ...]
    """Path into the mutation input, e.g. ``("parameters", "max_percent")``."""
    message: str
    code: str
