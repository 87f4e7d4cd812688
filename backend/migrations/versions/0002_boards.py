"""Boards with their regulation profile; schools get a board and their own contact persons.

Existing schools keep their rows and intakes: ``board_id`` starts empty (NULL) and
``contactpersonen`` as an empty list. SQLite alters ``schools`` in batch mode (a copy of the
table); env.py switches SQLite's foreign keys off while migrating, so copying ``schools`` does
not cascade into ``user_schools`` or trip over ``intakes``.

Revision ID: 0002
Revises: 0001
Create Date: 2024-12-02
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "boards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boards")),
        sa.UniqueConstraint("slug", name=op.f("uq_boards_slug")),
    )
    with op.batch_alter_table("schools") as batch:
        batch.add_column(sa.Column("board_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column(
                "contactpersonen", sa.JSON(), nullable=False, server_default=sa.text("'[]'")
            )
        )
        batch.create_foreign_key(
            op.f("fk_schools_board_id_boards"), "boards", ["board_id"], ["id"],
            ondelete="RESTRICT",
        )
        batch.create_index(op.f("ix_schools_board_id"), ["board_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("schools") as batch:
        batch.drop_index(op.f("ix_schools_board_id"))
        batch.drop_constraint(op.f("fk_schools_board_id_boards"), type_="foreignkey")
        batch.drop_column("contactpersonen")
        batch.drop_column("board_id")
    op.drop_table("boards")
