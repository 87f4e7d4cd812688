"""The reporter's language on each intake (issue 17): ``intakes.taal``, an ISO 639-1 code.

Existing intakes were all taken in Dutch: they get ``nl``. SQLite alters ``intakes`` in batch
mode (see 0002 and env.py).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-10
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.add_column(
            sa.Column("taal", sa.String(length=2), nullable=False, server_default="nl")
        )


def downgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        batch.drop_column("taal")
