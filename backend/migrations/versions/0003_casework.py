"""Casework: account roles and deactivation, handling of intakes (handler, status history with
reasons, notes, next steps, sharing with the board's vertrouwenspersoon), the audit log and the
login throttle.

Existing users stay active contact persons; existing intakes keep their status, with no handler,
not shared. SQLite alters ``users`` and ``intakes`` in batch mode (see 0002 and env.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.text("true"))
        )
        batch.add_column(sa.Column("board_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_users_board_id_boards"), "boards", ["board_id"], ["id"], ondelete="RESTRICT"
        )
        batch.create_index(op.f("ix_users_board_id"), ["board_id"], unique=False)

    with op.batch_alter_table("intakes") as batch:
        batch.add_column(sa.Column("handler_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            op.f("fk_intakes_handler_id_users"), "users", ["handler_id"], ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_intakes_handler_id"), ["handler_id"], unique=False)

    op.create_table(
        "intake_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intakes.id"],
            name=op.f("fk_intake_status_changes_intake_id_intakes"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_intake_status_changes_user_id_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_status_changes")),
    )
    op.create_index(
        op.f("ix_intake_status_changes_intake_id"), "intake_status_changes", ["intake_id"]
    )
    op.create_table(
        "intake_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intakes.id"],
            name=op.f("fk_intake_notes_intake_id_intakes"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_intake_notes_user_id_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_notes")),
    )
    op.create_index(op.f("ix_intake_notes_intake_id"), "intake_notes", ["intake_id"])
    op.create_table(
        "intake_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intakes.id"],
            name=op.f("fk_intake_steps_intake_id_intakes"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_intake_steps_user_id_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_steps")),
    )
    op.create_index(op.f("ix_intake_steps_intake_id"), "intake_steps", ["intake_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("intake_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_audit_log_user_id_users"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(
        "ix_audit_log_intake_id_created_at", "audit_log", ["intake_id", "created_at"]
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(
        "ix_login_failures_key_created_at", "login_failures", ["key", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_login_failures_key_created_at", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index("ix_audit_log_intake_id_created_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index(op.f("ix_intake_steps_intake_id"), table_name="intake_steps")
    op.drop_table("intake_steps")
    op.drop_index(op.f("ix_intake_notes_intake_id"), table_name="intake_notes")
    op.drop_table("intake_notes")
    op.drop_index(op.f("ix_intake_status_changes_intake_id"), table_name="intake_status_changes")
    op.drop_table("intake_status_changes")
    with op.batch_alter_table("intakes") as batch:
        batch.drop_index(op.f("ix_intakes_handler_id"))
        batch.drop_constraint(op.f("fk_intakes_handler_id_users"), type_="foreignkey")
        batch.drop_column("updated_at")
        batch.drop_column("shared_at")
        batch.drop_column("handler_id")
    with op.batch_alter_table("users") as batch:
        batch.drop_index(op.f("ix_users_board_id"))
        batch.drop_constraint(op.f("fk_users_board_id_boards"), type_="foreignkey")
        batch.drop_column("board_id")
        batch.drop_column("active")
