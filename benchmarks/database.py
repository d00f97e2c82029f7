"""A fresh, throw-away database for one benchmark run: a temporary SQLite file,
or, when DATABASE_URL names a PostgreSQL server, a new database on that server."""

import os
import shutil
import tempfile
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass
class BenchDatabase:
    url: str
    label: str
    server_url: str | None = None  # PostgreSQL: where to connect to create and drop it
    name: str | None = None
    folder: str | None = None  # SQLite: the temporary folder holding the file

    def drop(self):
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
        elif self.server_url:
            _postgres_admin(self.server_url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _postgres_admin(server_url: str, statement: str):
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(statement)


def fresh_database(name: str) -> BenchDatabase:
    """Must run before Django is set up: it points DATABASE_URL at the new database."""
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"benchmark database name must be letters, digits and underscores, not {name!r}")
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url.startswith(("postgres://", "postgresql://")):
        _postgres_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _postgres_admin(server_url, f'CREATE DATABASE "{name}"')
        parts = urlsplit(server_url)
        url = urlunsplit(parts._replace(path=f"/{name}"))
        database = BenchDatabase(url, f"PostgreSQL ({parts.hostname}/{name})", server_url=server_url, name=name)
    elif server_url:
        raise SystemExit("the benchmark runs on SQLite (no DATABASE_URL) or PostgreSQL (DATABASE_URL=postgres://...)")
    else:
        folder = tempfile.mkdtemp(prefix="chronicle-bench-")
        database = BenchDatabase(f"sqlite:///{folder}/bench.sqlite3", "SQLite (temporary file)", folder=folder)
    os.environ["DATABASE_URL"] = database.url
    return database
