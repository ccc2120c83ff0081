"""Per-set RPE: the rate of perceived exertion (1-10) a runner may give for a logged set.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("log_sets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rpe", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("log_sets", schema=None) as batch_op:
        batch_op.drop_column("rpe")
