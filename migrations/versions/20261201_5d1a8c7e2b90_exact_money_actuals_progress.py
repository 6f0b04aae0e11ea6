"""money: exact amounts, a currency per portfolio, time-phased actual costs, progress history

Revision ID: 5d1a8c7e2b90
Revises: c6fb72ebbb21
Create Date: 2026-12-01 23:00:00

Every float money column becomes exact: NUMERIC(18, 4) on PostgreSQL, whole ten-thousandths in
a BIGINT on SQLite (which has no exact decimal type). The conversion is done in Python, row by
row, from each float's shortest decimal representation (``repr``: the number the user entered
and every client displayed), so no value changes on either database; a database cast would
round through binary or to 15 digits. ``task.actual_cost`` becomes one dated actual-cost entry
per task (its actual finish, else its actual start, else the project's status date, else its
start), and each task's current percent complete the first entry of its progress history.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "5d1a8c7e2b90"
down_revision: str | None = "c6fb72ebbb21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCALE = 4
MONEY = sa.Numeric(18, SCALE).with_variant(sa.BigInteger(), "sqlite")
MONEY_COLUMNS = (
    ("project", "budget", True),
    ("project", "revenue", True),
    ("resource", "cost_rate", False),
    ("baseline_task", "planned_cost", False),
)
CARRIED_OVER = "Recorded before time-phased actuals"


def _exact(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-SCALE), rounding=ROUND_HALF_EVEN)


def _stored(value: Decimal | None, sqlite: bool) -> Any:
    if value is None or not sqlite:
        return value
    return int(value.scaleb(SCALE))


def _convert(table: str, column: str, nullable: bool, sqlite: bool) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {column} FROM {table}")).all()
    with op.batch_alter_table(table) as batch:
        batch.alter_column(
            column,
            existing_type=sa.Float(),
            type_=MONEY,
            existing_nullable=nullable,
            postgresql_using=f"{column}::numeric(18, {SCALE})",
        )
    update = sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id")
    values = [{"id": pk, "value": _stored(_exact(value), sqlite)} for pk, value in rows if value is not None]
    if values:
        bind.execute(update, values)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    with op.batch_alter_table("portfolio") as batch:
        batch.add_column(sa.Column("currency", sa.String(length=3), nullable=False, server_default="USD"))
    with op.batch_alter_table("project") as batch:
        batch.add_column(
            sa.Column("ev_method", sa.String(length=20), nullable=False, server_default="PERCENT_COMPLETE")
        )
    for table, column, nullable in MONEY_COLUMNS:
        _convert(table, column, nullable, sqlite)

    op.create_table(
        "actual_cost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_actual_cost_task_id"), "actual_cost", ["task_id"], unique=False)
    op.create_table(
        "progress_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=False),
        sa.Column("percent_complete", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["task_id"], ["task.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_progress_entry_task_id"), "progress_entry", ["task_id"], unique=False)

    rows = bind.execute(
        sa.text(
            "SELECT t.id, t.actual_cost, t.percent_complete, t.actual_start, t.actual_finish, "
            "p.status_date, p.start_date FROM task t JOIN project p ON p.id = t.project_id"
        )
    ).all()
    now = sa.func.now() if not sqlite else sa.text("CURRENT_TIMESTAMP")
    costs = [
        {"task": pk, "day": finish or start or status or begin, "amount": _stored(_exact(cost), sqlite)}
        for pk, cost, _, start, finish, status, begin in rows
        if cost
    ]
    if costs:
        bind.execute(
            sa.insert(_table("actual_cost", "task_id", "date", "amount", "note", "created_at")).values(
                task_id=sa.bindparam("task"),
                date=sa.bindparam("day"),
                amount=sa.bindparam("amount"),
                note=CARRIED_OVER,
                created_at=now,
            ),
            costs,
        )
    progress = [
        {"task": pk, "day": status or finish or start or begin, "pct": pct}
        for pk, _, pct, start, finish, status, begin in rows
        if pct
    ]
    if progress:
        bind.execute(
            sa.insert(_table("progress_entry", "task_id", "status_date", "percent_complete", "created_at")).values(
                task_id=sa.bindparam("task"),
                status_date=sa.bindparam("day"),
                percent_complete=sa.bindparam("pct"),
                created_at=now,
            ),
            progress,
        )
    with op.batch_alter_table("task") as batch:
        batch.drop_column("actual_cost")


def _table(name: str, *columns: str) -> sa.TableClause:
    return sa.table(name, *(sa.column(c) for c in columns))


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    with op.batch_alter_table("task") as batch:
        batch.add_column(sa.Column("actual_cost", sa.Float(), nullable=False, server_default="0"))
    totals = bind.execute(sa.text("SELECT task_id, SUM(amount) FROM actual_cost GROUP BY task_id")).all()
    for task, total in totals:
        amount = float(Decimal(int(total)).scaleb(-SCALE)) if sqlite else float(total)
        bind.execute(sa.text("UPDATE task SET actual_cost = :a WHERE id = :t"), {"a": amount, "t": task})
    op.drop_index(op.f("ix_progress_entry_task_id"), table_name="progress_entry")
    op.drop_table("progress_entry")
    op.drop_index(op.f("ix_actual_cost_task_id"), table_name="actual_cost")
    op.drop_table("actual_cost")
    for table, column, nullable in MONEY_COLUMNS:
        rows = bind.execute(sa.text(f"SELECT id, {column} FROM {table}")).all()
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=MONEY, type_=sa.Float(), existing_nullable=nullable)
        for pk, value in rows:
            if value is not None:
                number = float(Decimal(int(value)).scaleb(-SCALE)) if sqlite else float(value)
                bind.execute(sa.text(f"UPDATE {table} SET {column} = :v WHERE id = :id"), {"v": number, "id": pk})
    with op.batch_alter_table("project") as batch:
        batch.drop_column("ev_method")
    with op.batch_alter_table("portfolio") as batch:
        batch.drop_column("currency")
