"""One report, one record; the code is the reporter's alone (issue 15).

- ``intakes.intake_key``: the bot's ``intake_id`` (one record per intake, not per
  conversation); existing rows get their ``conversation_id``, which was unique until now.
  ``conversation_id`` stays, no longer unique.
- ``intakes.code`` (plain text) becomes ``intakes.code_hash``: HMAC-SHA256 with the server key
  ``WEGWIJZER_CODE_KEY`` (``backend.auth.codes``; the development key in ``var/code_key`` when
  unset). The plain codes are gone after the upgrade.
- ``intakes.referentie``: the case reference staff see (``M-2026-0042``), numbered per year in
  the order the intakes came in.
- ``copy_links``: one-time links to a reporter's copy (only the SHA-256 of the token).

The downgrade cannot bring the codes back: each intake gets a fresh random code that nobody
holds (the reporter's old code no longer opens it).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""
from collections import defaultdict
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from backend.auth import codes
from backend.models import UTCDateTime
from wegwijzer.vocab import generate_code

revision: str = "0010"
down_revision: Union[str, Sequence[str], None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_intakes = sa.table(
    "intakes",
    sa.column("id", sa.String), sa.column("code", sa.String),
    sa.column("conversation_id", sa.String), sa.column("created_at", UTCDateTime),
    sa.column("intake_key", sa.String), sa.column("code_hash", sa.String),
    sa.column("referentie", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(sa.Column("intake_key", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("code_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("referentie", sa.String(length=20), nullable=True))

    connection = op.get_bind()
    key = codes.code_key_from_env()
    rows = connection.execute(
        sa.select(_intakes.c.id, _intakes.c.code, _intakes.c.conversation_id,
                  _intakes.c.created_at).order_by(_intakes.c.created_at, _intakes.c.id)
    ).all()
    numbers: dict = defaultdict(int)
    for intake_id, code, conversation_id, created_at in rows:
        numbers[created_at.year] += 1
        connection.execute(
            _intakes.update().where(_intakes.c.id == intake_id).values(
                intake_key=conversation_id,
                code_hash=codes.code_hash(code, key),
                referentie=codes.referentie(created_at.year, numbers[created_at.year]),
            )
        )

    with op.batch_alter_table("intakes") as batch:
        batch.alter_column("intake_key", existing_type=sa.String(length=255), nullable=False)
        batch.alter_column("code_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("referentie", existing_type=sa.String(length=20), nullable=False)
        batch.create_unique_constraint("uq_intakes_intake_key", ["intake_key"])
        batch.create_unique_constraint("uq_intakes_code_hash", ["code_hash"])
        batch.create_unique_constraint("uq_intakes_referentie", ["referentie"])
        batch.drop_constraint("uq_intakes_conversation_id", type_="unique")
        batch.drop_constraint("uq_intakes_code", type_="unique")
        batch.drop_column("code")
        batch.create_index("ix_intakes_conversation_id", ["conversation_id"])

    op.create_table(
        "copy_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("intake_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["intake_id"], ["intakes.id"], ondelete="CASCADE",
                                name="fk_copy_links_intake_id_intakes"),
        sa.PrimaryKeyConstraint("id", name="pk_copy_links"),
        sa.UniqueConstraint("token_hash", name="uq_copy_links_token_hash"),
    )
    op.create_index("ix_copy_links_intake_id", "copy_links", ["intake_id"])


def downgrade() -> None:
    op.drop_index("ix_copy_links_intake_id", table_name="copy_links")
    op.drop_table("copy_links")
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(sa.Column("code", sa.String(length=14), nullable=True))
    connection = op.get_bind()
    for (intake_id,) in connection.execute(sa.select(_intakes.c.id)).all():
        connection.execute(
            _intakes.update().where(_intakes.c.id == intake_id).values(code=generate_code())
        )
    with op.batch_alter_table("intakes") as batch:
        batch.alter_column("code", existing_type=sa.String(length=14), nullable=False)
        batch.drop_index("ix_intakes_conversation_id")
        batch.create_unique_constraint("uq_intakes_code", ["code"])
        batch.create_unique_constraint("uq_intakes_conversation_id", ["conversation_id"])
        batch.drop_constraint("uq_intakes_referentie", type_="unique")
        batch.drop_constraint("uq_intakes_code_hash", type_="unique")
        batch.drop_constraint("uq_intakes_intake_key", type_="unique")
        batch.drop_column("referentie")
        batch.drop_column("code_hash")
        batch.drop_column("intake_key")
