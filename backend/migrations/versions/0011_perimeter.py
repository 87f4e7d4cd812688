"""Issue 15, the perimeter:

- server-side login sessions: ``login_sessions``, one row per login, so that logout and a
  password change end a session on the server (``backend.auth.sessions``);
- ``intakes.shared_board_id``: the board an intake was shared with, fixed at sharing time
  (``backend.auth.access``). Intakes shared before get their school's board of today.

Revision ID: 0011
Revises: 0009 (records' 0010 comes between them once both are merged: the lead re-chains)
Create Date: 2026-12-05
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: Union[str, Sequence[str], None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_login_sessions_user_id", "login_sessions", ["user_id"])
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(sa.Column("shared_board_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_intakes_shared_board_id_boards", "boards", ["shared_board_id"], ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_intakes_shared_board_id", ["shared_board_id"])
    op.execute(
        "UPDATE intakes SET shared_board_id = "
        "(SELECT schools.board_id FROM schools WHERE schools.id = intakes.school_id) "
        "WHERE shared_at IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.drop_index("ix_intakes_shared_board_id")
        batch.drop_constraint("fk_intakes_shared_board_id_boards", type_="foreignkey")
        batch.drop_column("shared_board_id")
    op.drop_index("ix_login_sessions_user_id", table_name="login_sessions")
    op.drop_table("login_sessions")
