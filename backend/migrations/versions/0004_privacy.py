"""Privacy: free text encrypted at rest (``shared.crypto.EncryptedText``).

Encrypts the existing values of every free-text column with the first key of
``WEGWIJZER_DATA_KEYS`` (or the development key in ``var/data_keys``); ``naam`` and ``contact``
become ``TEXT``, since a token is longer than the text. A value that already is a token of these
keys is left as it is, so running the upgrade again changes nothing. The downgrade decrypts
(and needs a key that opens every value).

To encrypt a column of a later feature, add it to :data:`ENCRYPTED` in a new migration that
calls :func:`shared.crypto.rewrite_columns` the same way.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from shared import crypto

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# What a reporter or a staff member typed: {table: [column, …]}.
ENCRYPTED = {
    "intakes": ["wat_gebeurd", "wanneer", "betrokkenen", "naam", "contact"],
    "intake_notes": ["text"],
    "intake_steps": ["description"],
    "intake_status_changes": ["reason"],
}
# Columns that were shorter than a token: (name, old type).
WIDENED = (("naam", sa.String(length=200)), ("contact", sa.String(length=500)))


def upgrade() -> None:
    with op.batch_alter_table("intakes") as batch:
        for name, old_type in WIDENED:
            batch.alter_column(name, type_=sa.Text(), existing_type=old_type,
                               existing_nullable=True)
    connection = op.get_bind()
    for table, columns in ENCRYPTED.items():
        crypto.rewrite_columns(connection, table, columns, crypto.encrypt_if_plain)


def downgrade() -> None:
    connection = op.get_bind()
    for table, columns in ENCRYPTED.items():
        crypto.rewrite_columns(connection, table, columns, crypto.decrypt)
    with op.batch_alter_table("intakes") as batch:
        for name, old_type in WIDENED:
            batch.alter_column(name, type_=old_type, existing_type=sa.Text(),
                               existing_nullable=True)
