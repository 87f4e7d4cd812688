"""The language the conversation was held in on each intake (issue 17): ``intakes.gesprekstaal``,
``nl`` or ``en`` (``wegwijzer.taal.GESPREKSTALEN``). The reporter's copy and the status texts
follow it.

Existing intakes get ``nl``: their copy and status stay as they were. (A record that arrives
without the field is read from its ``taal``, see ``schemas.parse_intake``; stored rows are not.)
SQLite alters ``intakes`` in batch mode (see 0002 and env.py).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: Union[str, Sequence[str], None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(
            sa.Column("gesprekstaal", sa.String(length=2), nullable=False, server_default="nl")
        )


def downgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.drop_column("gesprekstaal")
