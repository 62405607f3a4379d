"""The admin speaks Vietnamese where Django's and django-reversion's catalogues do not.

Django's ``vi`` catalogue leaves recent admin strings in English ("Skip to main
content", "Show counts"…) and django-reversion ships no Vietnamese at all; our
catalogue in ``locale/vi`` fills both in. These tests read the pages as people
see them (text, plus the attributes browsers show or read aloud) and look for the
English phrases, and check that the committed ``.mo`` files say what the ``.po``
files say.
"""

import ast
import gettext
import json
import re
from html.parser import HTMLParser

import pytest
import reversion
from django.conf import settings
from django.urls import reverse
from reversion.models import Version

from tests.articles.factories import ArticleFactory
from tests.clusters.factories import UnitFactory
from tests.factories import UserFactory

LOCALE = settings.BASE_DIR / "locale"

# English a Vietnamese admin page must not show. Whole phrases, so Vietnamese
# model data and English words in URLs or class names cannot match.
ENGLISH = [
    "Skip to main content",
    "Add link",
    "Change or view list link",
    "Model name",
    "Breadcrumbs",
    "Toggle navigation",
    "Toggle theme",
    "Sidebar",
    "Filter navigation items",
    "Filter by",
    "Show counts",
    "Hide counts",
    "Select all objects",
    "Select this object",
    "Run",
    "Logout",
    "Search ",
    "Pagination",
    "Added:",
    "Changed:",
    "Deleted:",
    "Recover deleted",
    "Recover ",
    "Revert ",
    "History",
    "Bản ghi nhớ",
    "Choose a date",
    "Date/time",
    "User",
    "Action",
    "Comment",
    "doesn't have a change history",
    "no deleted objects",
    "Press the save button",
    "Please correct",
    "View selected",
    "Home",
    "Save and",
    "Delete",
    "Change ",
    "Add ",
    "Filter",
]


class _VisibleText(HTMLParser):
    """Collects text a reader meets: character data outside <script>, <style> and
    <template>, and the attributes browsers display or announce."""

    SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
    HIDDEN_ELEMENTS = ("script", "style", "template")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN_ELEMENTS:
            self.hidden += 1
            return
        attrs = dict(attrs)
        self.parts.extend(attrs[name] for name in self.SHOWN_ATTRIBUTES if attrs.get(name))
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            self.parts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN_ELEMENTS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def english_in(html):
    text = visible_text(html)
    return [phrase for phrase in ENGLISH if phrase in text]


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_superuser=True)


@pytest.fixture
def unit(db):
    with reversion.create_revision():
        return UnitFactory(name="Công an tỉnh Hà Tĩnh")


def get_page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_visible_text_reads_labels_but_not_scripts_or_class_names():
    html = (
        '<a class="historylink" href="/history/" title="Add link">Xem</a>'
        "<script>const label = 'Delete';</script><style>.Filter{}</style>"
        '<input type="submit" value="Save and continue"><input type="hidden" value="Run">'
    )

    text = visible_text(html)

    assert "Add link" in text
    assert "Save and continue" in text
    assert "Delete" not in text
    assert "Filter" not in text
    assert "Run" not in text
    assert "historylink" not in text


@pytest.mark.parametrize(
    "name",
    ["admin:index", "admin:articles_article_changelist", "admin:articles_article_add"],
)
def test_editor_pages_show_no_english(client, editor, name):
    assert english_in(get_page(client, editor, reverse(name))) == []


def test_editor_article_change_form_shows_no_english(client, editor):
    article = ArticleFactory()

    html = get_page(client, editor, reverse("admin:articles_article_change", args=[article.pk]))

    assert english_in(html) == []


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:articles_article_changelist",
        "admin:clusters_unit_changelist",
        "admin:clusters_unit_add",
        "admin:clusters_unit_recoverlist",
        "admin:auth_user_changelist",
    ],
)
def test_superuser_pages_show_no_english(client, superuser, name):
    assert english_in(get_page(client, superuser, reverse(name))) == []


def test_unit_change_form_shows_no_english(client, superuser, unit):
    html = get_page(client, superuser, reverse("admin:clusters_unit_change", args=[unit.pk]))

    assert "Lịch sử" in visible_text(html)
    assert english_in(html) == []


def test_unit_history_shows_no_english(client, superuser, unit):
    html = get_page(client, superuser, reverse("admin:clusters_unit_history", args=[unit.pk]))

    text = visible_text(html)
    assert "Chọn một thời điểm trong danh sách" in text
    assert "Thời điểm" in text
    assert english_in(html) == []


def test_unit_without_versions_history_says_so_in_vietnamese(client, superuser):
    bare = UnitFactory(name="Công an tỉnh Quảng Bình")

    html = get_page(client, superuser, reverse("admin:clusters_unit_history", args=[bare.pk]))

    assert "Mục này chưa có lịch sử thay đổi." in visible_text(html)
    assert english_in(html) == []


def test_unit_revision_form_shows_no_english(client, superuser, unit):
    version = Version.objects.get_for_object(unit).get()
    url = reverse("admin:clusters_unit_revision", args=[unit.pk, version.pk])

    html = get_page(client, superuser, url)

    assert "Bấm nút Lưu bên dưới để quay lại phiên bản này" in visible_text(html)
    assert english_in(html) == []


def test_deleted_unit_recovery_pages_show_no_english(client, superuser, unit):
    with reversion.create_revision():
        unit.delete()
    version = Version.objects.get_deleted(type(unit)).get()

    listing = get_page(client, superuser, reverse("admin:clusters_unit_recoverlist"))
    form = get_page(client, superuser, reverse("admin:clusters_unit_recover", args=[version.pk]))

    assert "Khôi phục đơn vị đã xóa" in visible_text(listing)
    assert english_in(listing) == []
    assert english_in(form) == []


def test_delete_confirmation_shows_no_english(client, superuser, unit):
    html = get_page(client, superuser, reverse("admin:clusters_unit_delete", args=[unit.pk]))

    assert english_in(html) == []


# Strings the admin's date, time and selector widgets draw from JavaScript.
JAVASCRIPT_ENGLISH = [
    "Sunday",
    "Saturday",
    "Today (%(date)s)",
    "Previous (%(month)s %(year)s)",
    "%(month)s %(day)s, %(year)s",
    "Show",
    "Hide",
    "Choose all %s",
    "Remove all %s",
    "(click to clear)",
]


def test_admin_javascript_catalogue_translates_the_widgets(client, editor):
    html = get_page(client, editor, reverse("admin:jsi18n"))
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", html, re.S).group(1))

    untranslated = [msgid for msgid in JAVASCRIPT_ENGLISH if catalogue.get(msgid, msgid) == msgid]

    assert untranslated == []
    assert catalogue["Hide"] == "Ẩn"


# --- the committed catalogues --------------------------------------------------


def read_po(path):
    """Entries of a .po file as {(context, msgid): [msgstr, …]}, fuzzy ones left out.

    Plural entries are keyed by (context, (msgid, msgid_plural)). Handles the
    subset of the format our catalogues use: one keyword per line, strings
    continued on following lines.
    """
    entries = {}
    entry, key, fuzzy = {}, None, False

    def finish():
        if "msgid" in entry and entry["msgid"] and not fuzzy:
            msgid = entry["msgid"]
            if "msgid_plural" in entry:
                msgid = (msgid, entry["msgid_plural"])
            strings = [entry[k] for k in sorted(entry) if k.startswith("msgstr")]
            entries[(entry.get("msgctxt"), msgid)] = strings

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
            entry, key, fuzzy = {}, None, False
        elif line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, value = line.split(" ", 1)
            entry[key] = ast.literal_eval(value)
    finish()
    return entries


def po_files():
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def test_catalogues_exist_for_both_domains():
    assert [path.name for path in po_files()] == ["django.po", "djangojs.po"]


@pytest.mark.parametrize("po", po_files(), ids=lambda path: path.name)
def test_compiled_catalogue_matches_its_source(po):
    entries = read_po(po)
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)

    wrong = []
    for (context, msgid), strings in entries.items():
        if isinstance(msgid, tuple):
            actual = [compiled.npgettext(context, *msgid, 1)] if context else None
            actual = actual or [compiled.ngettext(*msgid, 1)]
        elif context:
            actual = [compiled.pgettext(context, msgid)]
        else:
            actual = [compiled.gettext(msgid)]
        if actual != strings:
            wrong.append(msgid)

    assert len(entries) > 20
    assert wrong == [], "run bin/bootstrap (or msgfmt) to recompile the catalogue"
    assert len(compiled._catalog) == len(entries) + 1  # + the header entry
