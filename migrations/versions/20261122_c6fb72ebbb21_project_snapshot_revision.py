"""project: snapshot_revision (validity of the governance snapshot caches)

Revision ID: c6fb72ebbb21
Revises: c35d5aabf0f3
Create Date: 2026-11-22 03:00:56.632335
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c6fb72ebbb21"
down_revision: str | None = "c35d5aabf0f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snapshot_revision", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("snapshot_revision")
