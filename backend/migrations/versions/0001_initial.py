"""Initial schema: schools, users (contact persons), user_schools and intakes.

Revision ID: 0001
Revises:
Create Date: 2024-11-23
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "schools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schools")),
        sa.UniqueConstraint("slug", name=op.f("uq_schools_slug")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "user_schools",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_user_schools_user_id_users"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"],
            name=op.f("fk_user_schools_school_id_schools"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "school_id", name=op.f("pk_user_schools")),
    )
    op.create_table(
        "intakes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=14), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("kanaal", sa.String(length=16), nullable=False),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("rol", sa.String(length=16), nullable=False),
        sa.Column("categorieen", sa.JSON(), nullable=False),
        sa.Column("wat_gebeurd", sa.Text(), nullable=False),
        sa.Column("wanneer", sa.Text(), nullable=False),
        sa.Column("datum_gebeurtenis", sa.Date(), nullable=True),
        sa.Column("betrokkenen", sa.Text(), nullable=False),
        sa.Column("al_ondernomen", sa.JSON(), nullable=False),
        sa.Column("wens", sa.JSON(), nullable=False),
        sa.Column("advies_routes", sa.JSON(), nullable=False),
        sa.Column("gekozen_route", sa.String(length=64), nullable=True),
        sa.Column("signalen", sa.JSON(), nullable=False),
        sa.Column("anoniem", sa.Boolean(), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=True),
        sa.Column("contact", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"],
            name=op.f("fk_intakes_school_id_schools"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intakes")),
        sa.UniqueConstraint("code", name=op.f("uq_intakes_code")),
        sa.UniqueConstraint("conversation_id", name=op.f("uq_intakes_conversation_id")),
    )
    op.create_index(
        "ix_intakes_school_id_created_at", "intakes", ["school_id", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_intakes_school_id_created_at", table_name="intakes")
    op.drop_table("intakes")
    op.drop_table("user_schools")
    op.drop_table("users")
    op.drop_table("schools")
