"""Alembic environment for the registry.

`Registry.upgrade()` passes an open connection in `config.attributes`; the
`alembic` command line builds its own engine from `-x url=...` or
SCORECARD_DATABASE_URL.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from service.registry.models import Base

config = context.config


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get(
        "SCORECARD_DATABASE_URL", ""
    )
    if not url:
        raise SystemExit("Set SCORECARD_DATABASE_URL or pass -x url=... to alembic.")
    return url


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    """Run the migrations online or emit them as SQL (`alembic upgrade head --sql`)."""
    if context.is_offline_mode():
        context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if isinstance(connection, Connection):
        _migrate(connection)
        return
    engine = create_engine(_url())
    try:
        with engine.begin() as own:
            _migrate(own)
    finally:
        engine.dispose()


run()
