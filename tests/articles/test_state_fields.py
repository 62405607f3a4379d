"""Nothing but the write path and the workflow writes an article's state fields.

Every .py file of the apps that may import ``articles`` (itself and the apps above it)
is read with ``ast``; a state field may be assigned (``x.status = …``,
``setattr(x, "status", …)``) or passed to ``Article(…)`` / ``Article.objects.…(…)``
only in ``articles/workflow.py`` and ``articles/editing.py``, plus the two places that
own the version counter: the model's ``save`` (every write is a new version) and
``articles/locking.py`` (the claim). Apps below ``articles`` cannot see an article.
Tests and their factories are not scanned: they may make articles in any state.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["articles", "editorial", "discovery", "importer"]
STATE_FIELDS = {
    "status",
    "published_at",
    "submitted_at",
    "approved_by",
    "approved_at",
    "review_note",
    "created_by",
    "updated_by",
    "modified_at",
    "version",
}
WRITING_METHODS = {"create", "update", "get_or_create", "update_or_create"}
ALLOWED = {
    "articles/workflow.py": STATE_FIELDS,
    "articles/editing.py": STATE_FIELDS,
    "articles/models.py": {"version"},
    "articles/locking.py": {"version"},
}


def _field(name):
    name = name.removesuffix("_id")
    return name if name in STATE_FIELDS else None


def _mentions_article(node):
    return any(isinstance(n, ast.Name) and n.id == "Article" for n in ast.walk(node))


def writes(source, filename="x.py"):
    """(line, field) of every write of a state field in the source."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for element in ast.walk(target):
                if isinstance(element, ast.Attribute) and _field(element.attr):
                    found.append((node.lineno, _field(element.attr)))
        if not isinstance(node, ast.Call):
            continue
        called = node.func
        if isinstance(called, ast.Name) and called.id == "setattr" and len(node.args) > 1:
            name = node.args[1]
            if (
                isinstance(name, ast.Constant)
                and isinstance(name.value, str)
                and _field(name.value)
            ):
                found.append((node.lineno, _field(name.value)))
        writing = getattr(called, "attr", None) in WRITING_METHODS or (
            isinstance(called, ast.Name) and called.id == "Article"
        )
        if writing and _mentions_article(called):
            for keyword in node.keywords:
                if keyword.arg and _field(keyword.arg) and "__" not in keyword.arg:
                    found.append((node.lineno, _field(keyword.arg)))
    return found


def violations(path):
    relative = path.relative_to(ROOT).as_posix()
    allowed = ALLOWED.get(relative, set())
    return [
        f"{relative}:{line} writes Article.{field}"
        for line, field in writes(path.read_text(encoding="utf-8"), relative)
        if field not in allowed
    ]


@pytest.mark.parametrize("app", APPS)
def test_only_the_write_path_and_the_workflow_write_state_fields(app):
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            found += violations(path)
    assert found == [], "State fields written outside the write path:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "article.status = 'published'\n",
        "article.approved_by_id = 3\n",
        "current.version += 1\n",
        "setattr(article, 'published_at', when)\n",
        "Article.objects.filter(pk=1).update(status='draft')\n",
        "Article(title='x', created_by=user)\n",
        "Article.objects.create(title='x', review_note='')\n",
        "a.b, article.modified_at = 1, 2\n",
    ],
)
def test_a_write_is_found(source):
    assert len(writes(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        "when = article.published_at\n",
        "Article.objects.filter(status='published', published_at__lte=now)\n",
        "Photo.objects.create(uploaded_by=user)\n",
        "link.revoked_by = user\n",
    ],
)
def test_reads_and_other_models_are_not_writes(source):
    assert writes(source) == []
