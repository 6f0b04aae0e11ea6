"""Governance reads: the installed methodologies and rules, a portfolio's rules in force and
a project's current findings (computed on read, batched per request)."""

from __future__ import annotations

from weakref import WeakKeyDictionary

import strawberry
from sqlmodel import col, select
from strawberry.dataloader import DataLoader

from api.context import Info
from api.features.base.common import Violation
from api.features.governance.types import ConfiguredRule, Methodology, RuleDescriptor
from api.loaders import Loaders, SessionGetter
from domain.entities import Project as ProjectRow
from domain.governance.core.enums import PmoType
from domain.governance.core.port import GovernancePort
from domain.governance.snapshots.build import portfolios_rules
from domain.governance.snapshots.governed import governed_snapshots


class GovernanceLoaders:
    """Per request, like ``api.loaders.Loaders`` (and renewed with it after a mutation)."""

    def __init__(self, session: SessionGetter, governance: GovernancePort) -> None:
        async def rules(keys: list[tuple[int, PmoType]]) -> list[list[ConfiguredRule]]:
            async with session() as s:
                stored = await portfolios_rules(s, [pid for pid, _ in keys])
            return [
                [ConfiguredRule.of(r) for r in governance.rules_in_force(pmo_type, stored[pid])]
                for pid, pmo_type in keys
            ]

        async def violations(ids: list[int]) -> list[list[Violation]]:
            async with session() as s:
                rows = list((await s.execute(select(ProjectRow).where(col(ProjectRow.id).in_(ids)))).scalars())
                stored = await portfolios_rules(s, {r.portfolio_id for r in rows})
                snapshots = await governed_snapshots(s, governance, rows, stored)
            found = {
                r.id: [Violation.of(v) for v in governance.assess(snapshots[r.id], stored[r.portfolio_id])]
                for r in rows
                if r.id is not None
            }
            return [found.get(i, []) for i in ids]

        self.rules: DataLoader[tuple[int, PmoType], list[ConfiguredRule]] = DataLoader(load_fn=rules)
        self.violations: DataLoader[int, list[Violation]] = DataLoader(load_fn=violations)


_per_request: WeakKeyDictionary[Loaders, GovernanceLoaders] = WeakKeyDictionary()


def loaders(info: Info) -> GovernanceLoaders:
    ctx = info.context
    found = _per_request.get(ctx.loaders)
    if found is None:
        found = _per_request[ctx.loaders] = GovernanceLoaders(ctx.reading, ctx.governance)
    return found


async def portfolio_rules(info: Info, portfolio_id: int, pmo_type: PmoType) -> list[ConfiguredRule]:
    """``Portfolio.rules``: the rule set in force, expression rules included."""
    return await loaders(info).rules.load((portfolio_id, pmo_type))


async def project_violations(info: Info, project_id: int) -> list[Violation]:
    """``Project.violations``: every rule in force for the project's current phase."""
    return await loaders(info).violations.load(project_id)


@strawberry.type
class GovernanceQueries:
    @strawberry.field(description="Every methodology the installed plugins provide.")
    def methodologies(self, info: Info) -> list[Methodology]:
        info.context.viewer  # noqa: B018 (authenticated callers only)
        return [Methodology.of(m) for m in info.context.governance.methodologies()]

    @strawberry.field(description="Every rule any installed plugin declares, with its parameter schema and source.")
    def rule_catalog(self, info: Info) -> list[RuleDescriptor]:
        info.context.viewer  # noqa: B018
        return [RuleDescriptor.of(d) for d in info.context.governance.rule_catalog()]
