"""Who may see and do what.

Roles, from least to most: viewer (reads), manager (edits the projects they manage), pmo (PMO
staff: reads and edits everything in scope, decides gates), admin (PMO admin: also configures
governance). A grant holds for one portfolio or, with no portfolio, for all of them. Every
service checks here before it reads or writes; the API never decides on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from domain.base.errors import Forbidden


class Role(IntEnum):
    VIEWER = 1
    MANAGER = 2
    PMO = 3
    ADMIN = 4

    @classmethod
    def parse(cls, name: str) -> Role:
        try:
            return cls[name.upper()]
        except KeyError:
            allowed = ", ".join(r.name.lower() for r in cls)
            raise ValueError(f"unknown role {name!r}; expected one of {allowed}") from None


@dataclass(frozen=True)
class Grant:
    role: Role
    portfolio_id: int | None = None


@dataclass(frozen=True)
class Viewer:
    """The authenticated caller of one request."""

    user_id: int | None
    name: str
    grants: tuple[Grant, ...]

    @classmethod
    def system(cls) -> Viewer:
        """The engine itself (the CLI's demo loader, migrations): full rights, no user row."""
        return cls(None, "system", (Grant(Role.ADMIN),))

    def role_in(self, portfolio_id: int) -> Role | None:
        roles = [g.role for g in self.grants if g.portfolio_id in (None, portfolio_id)]
        return max(roles) if roles else None

    @property
    def global_role(self) -> Role | None:
        roles = [g.role for g in self.grants if g.portfolio_id is None]
        return max(roles) if roles else None

    def visible_portfolios(self) -> frozenset[int] | None:
        """The portfolios this viewer may read, or None for all of them."""
        if self.global_role is not None:
            return None
        return frozenset(g.portfolio_id for g in self.grants if g.portfolio_id is not None)

    def filter_visible(self, portfolio_ids: Iterable[int]) -> list[int]:
        visible = self.visible_portfolios()
        return [p for p in portfolio_ids if visible is None or p in visible]

    def require_global(self, at_least: Role, action: str) -> None:
        role = self.global_role
        if role is None or role < at_least:
            raise Forbidden(action, f"needs the {at_least.name.lower()} role for all portfolios")

    def require(self, portfolio_id: int, at_least: Role, action: str) -> None:
        role = self.role_in(portfolio_id)
        if role is None:
            raise Forbidden(action, "no role on this portfolio")
        if role < at_least:
            raise Forbidden(action, f"needs the {at_least.name.lower()} role, you have {role.name.lower()}")

    def require_read(self, portfolio_id: int) -> None:
        self.require(portfolio_id, Role.VIEWER, "read this portfolio")

    def require_project_edit(self, portfolio_id: int, manager_id: int | None, action: str) -> None:
        """PMO staff edit any project in scope; a manager only the projects they manage."""
        role = self.role_in(portfolio_id)
        if role is not None and role >= Role.PMO:
            return
        if role == Role.MANAGER and manager_id is not None and manager_id == self.user_id:
            return
        if role == Role.MANAGER:
            raise Forbidden(action, "managers edit only the projects they manage")
        self.require(portfolio_id, Role.MANAGER, action)
