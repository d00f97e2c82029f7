"""Installing, dropping and rebuilding a set of triggers that keep a derived table current
(tally_schema.py: the tallies; appearance_schema.py: the actors' appearances)."""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class TriggerSet:
    sqlite_triggers: tuple[str, ...]
    postgres_triggers: tuple[tuple[str, str], ...]  # (trigger, table)
    postgres_functions: tuple[str, ...]  # with their argument types, as DROP FUNCTION names them
    sqlite_statements: Callable[[], list[str]]
    postgres_statements: Callable[[], list[str]]
    rebuild: Callable[[object], None]  # fills the derived table afresh on this connection

    def create(self, connection):
        statements = self.postgres_statements() if connection.vendor == "postgresql" else self.sqlite_statements()
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def drop(self, connection):
        if connection.vendor == "postgresql":
            statements = [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in self.postgres_triggers]
            statements += [f"DROP FUNCTION IF EXISTS {function}" for function in self.postgres_functions]
        else:
            statements = [f"DROP TRIGGER IF EXISTS {name}" for name in self.sqlite_triggers]
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    @contextmanager
    def rebuilt_afterwards(self, connection):
        """For a bulk insert of many thousands of rows, inside its transaction: one rebuild at
        the end instead of the triggers' work row by row (a million events: minutes less)."""
        self.drop(connection)
        yield
        self.create(connection)
        self.rebuild(connection)

    def install(self, apps, schema_editor):
        """For a migration's RunPython: the triggers, and the rows of what is already there."""
        self.drop(schema_editor.connection)
        self.create(schema_editor.connection)
        self.rebuild(schema_editor.connection)

    def uninstall(self, apps, schema_editor):
        self.drop(schema_editor.connection)
