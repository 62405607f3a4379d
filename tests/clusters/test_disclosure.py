"""The official disclosure rule, defined once (clusters.models.people.Disclosure)."""

import re
from pathlib import Path

import pytest

from clusters.models import WITHHELD_NAME, Disclosure, Official, Participant, shown_in_public
from tests.clusters import factories as f

ROOT = Path(__file__).resolve().parents[2]
APPS = ["api", "articles", "clusters", "discovery", "editorial", "importer", "newsroom", "photos"]
# The rule itself, and demo data that sets it.
RULE = {"clusters/models/people.py", "clusters/demo.py"}
# Reading the setting's values anywhere else re-derives the rule.
RE_DERIVED = re.compile(
    r"\.disclosure\s*[!=]=|disclosure(__\w+)?\s*=\s*(Official\.)?Disclosure\."
    r"|disclosure__in|Disclosure\.(PUBLIC|INITIALS|WITHHELD)|disclosure\s*==\s*[\"']"
)

EXPECTED = {
    # disclosure: (public page, full name and portrait, public name, slug)
    Disclosure.PUBLIC: (True, True, "Hồ Văn Tứ", "ho-van-tu"),
    Disclosure.INITIALS: (True, False, "H.V.T.", "h-v-t"),
    Disclosure.WITHHELD: (False, False, WITHHELD_NAME, "can-bo"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("disclosure", list(Disclosure))
def test_model_querysets_and_names_follow_the_rule(disclosure):
    page, full_name, name, slug = EXPECTED[disclosure]
    official = f.OfficialFactory(full_name="Hồ Văn Tứ", disclosure=disclosure)
    assert official.has_public_page is page
    assert (official in Official.objects.public()) is page
    assert official.is_public is full_name
    assert (official in Official.objects.named()) is full_name
    assert official.public_name == name
    assert official.slug == slug


@pytest.mark.django_db
@pytest.mark.parametrize("disclosure", list(Disclosure))
def test_related_rows_follow_the_rule_and_keep_units(disclosure):
    event = f.EventFactory()
    person = f.ParticipantFactory(
        event=event, official=f.OfficialFactory(disclosure=disclosure), unit=None
    )
    unit = f.ParticipantFactory(event=event, official=None, unit=f.UnitFactory())
    shown = set(Participant.objects.filter(shown_in_public()))
    assert unit in shown
    assert (person in shown) is disclosure.shows_page


def test_no_other_module_re_derives_the_rule():
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in RULE:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if RE_DERIVED.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    for path in (ROOT / "templates").rglob("*.html"):
        if "disclosure" in path.read_text():
            found.append(path.relative_to(ROOT).as_posix())
    assert not found, "ask Disclosure / Official / shown_in_public instead:\n" + "\n".join(found)
