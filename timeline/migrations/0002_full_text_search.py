from django.db import migrations

from timeline import search_schema


class Migration(migrations.Migration):
    """FTS5 tables and triggers on SQLite, GIN indexes on PostgreSQL (see timeline/search_schema.py)."""

    dependencies = [("timeline", "0001_initial")]

    operations = [migrations.RunPython(search_schema.install, search_schema.uninstall, elidable=False)]
