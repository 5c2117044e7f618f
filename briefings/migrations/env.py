"""Alembic environment: migrations always run on a connection handed in by briefbot.

:mod:`briefings.migrations` puts a live synchronous connection (from ``AsyncConnection.run_sync``)
in ``config.attributes["connection"]``; there is no URL here and no ``alembic.ini``.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from sqlalchemy.types import TypeDecorator

from briefings.store.db import Base, load_table_modules

load_table_modules()
target_metadata = Base.metadata


def _render_item(kind: str, obj: Any, _autogen_context: Any) -> str | Literal[False]:
    """Write our column types (UTC-normalising TypeDecorators) as their plain SQLAlchemy type.

    A migration must not import the table modules: they will change, the migration must not.
    """
    if kind == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{obj.impl_instance!r}"
    return False


def run_migrations_online() -> None:
    """Run the migrations on the connection briefbot passed in."""
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("briefbot runs migrations on its own connection: use 'briefbot db upgrade'")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=context.config.get_main_option("version_table") or "alembic_version",
        # SQLite cannot ALTER most things in place; batch mode copies the table instead
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported; run 'briefbot db upgrade'")
run_migrations_online()
