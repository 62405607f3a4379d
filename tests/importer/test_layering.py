"""The importer sits above the records and articles: it imports them, nothing imports it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Photos: pictures in a .docx go through the library's one way in (photos.ingest).
ALLOWED = {"newsroom", "photos", "clusters", "articles", "importer"}
FIRST_PARTY = {"newsroom", "clusters", "articles", "importer", "photos", "editorial", "discovery"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_the_importer_imports_only_the_layers_below_it():
    for path in (ROOT / "importer").rglob("*.py"):
        wrong = {name for name in _imports(path) if name in FIRST_PARTY} - ALLOWED
        assert not wrong, (path, wrong)


def test_no_other_app_imports_the_importer():
    for app in FIRST_PARTY - {"importer"}:
        for path in (ROOT / app).rglob("*.py") if (ROOT / app).exists() else []:
            assert "importer" not in set(_imports(path)), path
