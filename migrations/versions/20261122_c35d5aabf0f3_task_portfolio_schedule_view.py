"""task: the portfolio schedule view (float against the linked group's finish)

Revision ID: c35d5aabf0f3
Revises: 0288a95ad0c1
Create Date: 2026-11-22 02:09:40.988524
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c35d5aabf0f3"
down_revision: str | None = "0288a95ad0c1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("portfolio_total_float", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("portfolio_critical", sa.Boolean(), nullable=False, server_default=sa.false()))
    # A project linked to no other is its own group: its floats are the portfolio view. Linked
    # groups get theirs on their next change.
    op.execute("UPDATE task SET portfolio_total_float = total_float, portfolio_critical = critical")


def downgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_column("portfolio_critical")
        batch_op.drop_column("portfolio_total_float")
