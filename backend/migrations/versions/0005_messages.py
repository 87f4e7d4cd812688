"""Messages between the contact person and the reporter (issue 5): one table, nothing else
changes. The reporter reads and answers with the receipt code; failed code lookups are kept in
``login_failures`` (a hashed key, like failed logins), so that table needs no change.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "intake_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.String(length=36), nullable=False),
        sa.Column("sender", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intakes.id"],
            name=op.f("fk_intake_messages_intake_id_intakes"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_intake_messages_user_id_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_messages")),
    )
    op.create_index(
        "ix_intake_messages_intake_id_created_at", "intake_messages", ["intake_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_intake_messages_intake_id_created_at", table_name="intake_messages")
    op.drop_table("intake_messages")
