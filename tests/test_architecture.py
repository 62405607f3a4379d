"""Imports between the apps flow one way (README, "Architecture"):

    newsroom  ←  photos  ←  clusters  ←  articles  ←  editorial, discovery  ←  importer  ←  api

An app imports itself and the apps to its left, never one to its right; editorial and
discovery never import each other. Every .py file of every app is read with ``ast``:
models, views, template tags, management commands and migrations alike. Dynamic imports
(``import_module``, ``import_string``) with a literal name count as imports. What is not an
import is not checked: app labels in strings (a migration's dependencies, a lazy
``"articles.Article"`` foreign key), the settings' INSTALLED_APPS and the root URLconf's
``include("app.urls")``, and templates, which compose the apps' tags freely.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = [
    ("newsroom",),
    ("photos",),
    ("clusters",),
    ("articles",),
    ("editorial", "discovery"),
    ("importer",),
    ("api",),
]
APPS = [app for layer in LAYERS for app in layer]
MAY_IMPORT = {
    app: {app, *(earlier for before in LAYERS[:number] for earlier in before)}
    for number, layer in enumerate(LAYERS)
    for app in layer
}
DYNAMIC_IMPORTS = {"import_module", "import_string"}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts, parts[-1] == "__init__"


def imports_of(source, path):
    """(line, dotted name) of every module the source imports, relative ones resolved."""
    parts, is_package = module_name(path)
    package = parts if is_package else parts[:-1]
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module
            if node.module:
                yield node.lineno, target
            else:  # from . import x: each name may be a module
                for alias in node.names:
                    yield node.lineno, ".".join(part for part in (target, alias.name) if part)
        elif isinstance(node, ast.Call):
            function = node.func
            called = getattr(function, "id", None) or getattr(function, "attr", None)
            first = node.args[0] if node.args else None
            if (
                called in DYNAMIC_IMPORTS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield node.lineno, first.value


def violations(app, source, path):
    found = []
    for line, name in imports_of(source, path):
        imported = name.split(".")[0]
        if imported in APPS and imported not in MAY_IMPORT[app]:
            allowed = ", ".join(a for a in APPS if a in MAY_IMPORT[app])
            found.append(
                f"{path.relative_to(ROOT)}:{line} imports {name}: {app} may import only {allowed}"
            )
    return found


@pytest.mark.parametrize("app", APPS)
def test_imports_flow_one_way(app):
    found = []
    files = sorted((ROOT / app).rglob("*.py"))
    assert files, f"no Python files under {app}/"
    for path in files:
        found += violations(app, path.read_text(encoding="utf-8"), path)
    assert found == [], "Imports against the direction of the apps:\n" + "\n".join(found)


def test_every_app_has_its_place_in_the_direction():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(APPS), "add the new app to LAYERS (and to the README's architecture)"


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("photos/views.py", "from articles.models import Article\n", "articles.models"),
        ("clusters/admin.py", "import articles.imaging\n", "articles.imaging"),
        ("editorial/admin/tools.py", "from discovery import seo\n", "discovery"),
        ("discovery/views.py", "from editorial.models import PreviewLink\n", "editorial.models"),
        ("newsroom/x.py", "import_module('clusters.demo')\n", "clusters.demo"),
        ("articles/templatetags/x.py", "from ... import editorial\n", "editorial"),
    ],
)
def test_an_import_against_the_direction_is_named_with_its_file_and_line(path, source, expected):
    found = violations(path.split("/")[0], source, ROOT / path)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:1 imports {expected}:")


def test_imports_along_the_direction_pass():
    source = (
        "from newsroom import text\nfrom photos import references\nfrom .models import Article\n"
    )
    assert violations("articles", source, ROOT / "articles/views.py") == []
    assert violations("editorial", "from .. import presence\n", ROOT / "editorial/admin/x.py") == []
