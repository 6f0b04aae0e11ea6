"""A test plugin that implements every hook, to prove third-party plugins take part in each
governance decision. It records what it was called with."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from domain.governance import (
    Change,
    ConfiguredRule,
    Finding,
    GateDecision,
    GateSpec,
    GovernanceEvent,
    Kpi,
    Methodology,
    ParameterSpec,
    PmoType,
    ProjectSnapshot,
    ReportSection,
    Rule,
    RuleContext,
    RuleSetEntry,
    Severity,
    Violation,
)
from plugins import hookimpl

LIFECYCLE = Methodology(
    "Test Lifecycle",
    "Three phases for tests.",
    ("Idea", "Build", "Done"),
    gates=(GateSpec("Build", "Named properly.", ("test.no_placeholder_name",)),),
)


def no_placeholder_name(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.project.name.upper() in ctx.strings("placeholders"):
        yield Finding(f"{ctx.project.name!r} is a placeholder name", ctx.project.id)


class EveryHookPlugin:
    def __init__(self) -> None:
        self.events: list[GovernanceEvent] = []
        self.validated: list[tuple[str, int]] = []

    @hookimpl
    def pmo_register_methodologies(self) -> list[Methodology]:
        return [LIFECYCLE]

    @hookimpl
    def pmo_declare_rules(self) -> list[Rule]:
        return [
            Rule(
                id="test.no_placeholder_name",
                description="The project has a real name.",
                applies_to="project",
                check=no_placeholder_name,
                parameters=(ParameterSpec("placeholders", "str_list", ("TODO", "TBD")),),
                changes=("project.*",),
            )
        ]

    @hookimpl
    def pmo_default_rules(self, pmo_type: PmoType) -> list[RuleSetEntry] | None:
        if pmo_type is PmoType.CONTROLLING:
            return [RuleSetEntry("test.no_placeholder_name", severity=Severity.BLOCKING)]
        return None

    @hookimpl
    def pmo_validate(
        self, project: ProjectSnapshot, change: Change, rules: Sequence[ConfiguredRule]
    ) -> list[Violation]:
        self.validated.append((change.kind, len(rules)))
        if change.kind == "task.deleted":
            return [Violation("test.keep_tasks", Severity.BLOCKING, "Tasks are never deleted", change.subject_id)]
        return []

    @hookimpl
    def pmo_gate(self, project: ProjectSnapshot, to_phase: str, violations: Sequence[Violation]) -> GateDecision | None:
        if project.key == "FROZEN":
            return GateDecision.deny(f"{project.key} is frozen; it cannot enter {to_phase}")
        return None

    @hookimpl
    def pmo_report(self, project: ProjectSnapshot, violations: Sequence[Violation]) -> list[ReportSection]:
        return [ReportSection("Test", kpis=(Kpi("Findings", len(violations)),))]

    @hookimpl
    def pmo_on_event(self, event: GovernanceEvent) -> None:
        self.events.append(event)


plugin = EveryHookPlugin()
"""What an entry point can name: ``tests.plugins.every_hook_plugin:plugin``."""
