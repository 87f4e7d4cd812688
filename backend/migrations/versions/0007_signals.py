"""Signals (*signalen*): what a contact person noticed without a complaint following, for the
yearly anonymised report. A new table only; nothing existing changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "signals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("noticed_on", sa.Date(), nullable=False),
        sa.Column("categorieen", sa.JSON(), nullable=False),
        sa.Column("rol", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_signals_school_id_schools"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_signals_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signals")),
    )
    op.create_index(
        "ix_signals_school_id_noticed_on", "signals", ["school_id", "noticed_on"], unique=False
    )
    op.create_index(op.f("ix_signals_created_by_id"), "signals", ["created_by_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_signals_created_by_id"), table_name="signals")
    op.drop_index("ix_signals_school_id_noticed_on", table_name="signals")
    op.drop_table("signals")
