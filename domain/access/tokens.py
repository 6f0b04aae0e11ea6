"""API tokens: created by the CLI, shown once, stored as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from domain.base.authz import Grant, Role, Viewer
from domain.entities import ApiToken, Portfolio, RoleGrant, User

TOKEN_PREFIX = "pmo_"


class TokenError(ValueError):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(session: AsyncSession, *, name: str, role: Role, portfolio_id: int | None = None) -> str:
    """Grant ``role`` to the user called ``name`` (created if new) and return a new token for them."""
    if not name.strip():
        raise TokenError("--name must not be empty")
    if portfolio_id is not None and await session.get(Portfolio, portfolio_id) is None:
        raise TokenError(f"no portfolio with ID {portfolio_id}")
    user = await session.scalar(select(User).where(User.name == name))
    if user is None:
        user = User(name=name)
        session.add(user)
        await session.flush()
    assert user.id is not None
    grant = await session.scalar(
        select(RoleGrant).where(RoleGrant.user_id == user.id, RoleGrant.portfolio_id == portfolio_id)
    )
    if grant is None:
        session.add(RoleGrant(user_id=user.id, role=role.name.lower(), portfolio_id=portfolio_id))
    else:
        grant.role = role.name.lower()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=hash_token(token)))
    await session.flush()
    return token


async def viewer_for_token(session: AsyncSession, token: str) -> Viewer | None:
    """The viewer a bearer token stands for, or None if it is unknown or revoked."""
    row = (
        await session.execute(
            select(User)
            .join(ApiToken)
            .where(ApiToken.token_hash == hash_token(token), col(ApiToken.revoked_at).is_(None))
        )
    ).scalar_one_or_none()
    if row is None or row.id is None:
        return None
    grants = await session.scalars(select(RoleGrant).where(RoleGrant.user_id == row.id))
    return Viewer(row.id, row.name, tuple(Grant(Role.parse(g.role), g.portfolio_id) for g in grants))


async def count_tokens(session: AsyncSession) -> int:
    return len((await session.scalars(select(ApiToken.id))).all())
