"""The import rules docs/architecture.md states, checked so they stay true."""

import ast
from pathlib import Path

TIMELINE = Path(__file__).resolve().parent.parent / "timeline"


def imports_of(folder: Path) -> dict[str, set[str]]:
    found = {}
    for path in sorted(folder.glob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                names.add(("." * node.level) + (node.module or ""))
        found[path.name] = names
    return found


def test_the_extractor_never_touches_the_database_settings_or_the_app():
    allowed_django = {"django.utils.text"}  # slugify, a pure function
    allowed_app = {"timeline.date_labels", "..paths"}  # date arithmetic and where the files are, pure
    for module, names in imports_of(TIMELINE / "extraction").items():
        for name in names:
            if name.startswith("django"):
                assert name in allowed_django, f"extraction/{module} imports {name}"
            if name.startswith(("timeline", "..")):
                assert name in allowed_app, f"extraction/{module} imports {name}"


def test_nothing_imports_the_admin_or_the_views():
    """Only the URL configuration reaches the views, and only Django's autodiscovery the admin."""
    forbidden = {"timeline.admin", ".admin", "..admin", "timeline.views", ".views", "..views"}
    for folder in (TIMELINE, TIMELINE / "extraction", TIMELINE / "ingest", TIMELINE / "exports"):
        for module, names in imports_of(folder).items():
            if module == "urls.py":
                continue
            assert not names & forbidden, f"{folder.name}/{module} imports {names & forbidden}"


def test_fetching_and_page_reading_use_no_models():
    for module in ("fetch.py", "page.py"):
        names = imports_of(TIMELINE / "ingest")[module]
        assert not any("models" in name or name.startswith("django.db") for name in names), module
