"""The corpus: structure must be found exactly; entities to a stated precision and recall."""

import pytest

from importer import pipeline
from importer.catalogue import Catalogue
from importer.structure import PARAGRAPH
from importer.suggestions import KINDS
from tests.importer import records
from tests.importer.corpus_reader import articles

MIN_PRECISION = 0.95
MIN_RECALL = 0.90


def _structure(draft) -> dict:
    return {
        "title": draft.title,
        "lead_starts": draft.lead,
        "paragraphs": sum(1 for block in draft.blocks if block.kind == PARAGRAPH),
        "subheads": draft.subheads,
        "figures": [[block.text, block.picture] for block in draft.figures],
        "bylines": [[b.name, b.role, b.affiliation] for b in draft.bylines],
        "source": draft.source,
    }


def _structure_errors(found: dict, expected: dict) -> list[str]:
    errors = []
    for key, want in expected.items():
        got = found[key]
        ok = got.startswith(want) if key == "lead_starts" else got == want
        if not ok:
            errors.append(f"{key}: expected {want!r}, found {got!r}")
    return errors


def _keys(result, known) -> dict[str, set]:
    found = {kind: set() for kind in KINDS}
    for suggestion in result.suggestions:
        if suggestion.record_id is not None:
            found[suggestion.kind].add(known.key_of(suggestion.kind, suggestion.record_id))
        elif suggestion.name:
            found[suggestion.kind].add(suggestion.name)
        else:
            found[suggestion.kind].add(f"?{suggestion.label}")
    return found


class Tally:
    def __init__(self):
        self.counts = {}

    def add(self, kind, found: set, expected: set):
        tp, fp, fn = self.counts.get(kind, (0, 0, 0))
        self.counts[kind] = (
            tp + len(found & expected),
            fp + len(found - expected),
            fn + len(expected - found),
        )

    def scores(self, kind):
        tp, fp, fn = self.counts[kind]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        return precision, recall

    def table(self) -> str:
        lines = [
            f"{'kind':<18}{'expected':>9}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}"
        ]
        for kind, (tp, fp, fn) in self.counts.items():
            precision, recall = self.scores(kind)
            lines.append(
                f"{kind:<18}{tp + fn:>9}{tp + fp:>7}{tp:>7}{precision:>11.1%}{recall:>8.1%}"
            )
        return "\n".join(lines)


def _mention_errors(result, expected, known) -> list[str]:
    errors = []
    for name, (rank_text, position_text) in expected.get("positions", {}).items():
        suggestion = next(
            (
                s
                for s in result.suggestions
                if s.name == name
                or (s.record_id is not None and known.key_of(s.kind, s.record_id) == name)
            ),
            None,
        )
        if suggestion is None:
            errors.append(f"{name}: not suggested")
        elif (suggestion.rank_text, suggestion.position_text) != (rank_text, position_text):
            errors.append(
                f"{name}: rank/position {suggestion.rank_text!r}/{suggestion.position_text!r}"
            )
    codes = {warning.code for warning in result.warnings}
    for code in expected.get("warnings", []):
        if code not in codes:
            errors.append(f"warning {code} missing (found {sorted(codes)})")
    return errors


@pytest.mark.django_db
def test_corpus_structure_and_entities(capsys):
    known = records.build()
    corpus = articles()
    assert len(corpus) >= 15
    tally = Tally()
    failures = []
    for article in corpus:
        expected = article.expected
        document = article.read()
        legacy = expected.get("legacy")
        if legacy:
            assert document.legacy is not None and document.legacy.encoding == legacy
            document = article.read(legacy)
        else:
            assert document.legacy is None, article.name
        result = pipeline.analyse(document, article.day, catalogue=Catalogue.load(article.day))
        found = _structure(result.draft)
        errors = _structure_errors(found, expected["structure"])
        errors += _mention_errors(result, expected, known)
        tally.add(
            "captions",
            set(result.draft.captions),
            {c for c, _p in expected["structure"]["figures"] if c},
        )
        tally.add(
            "bylines",
            {tuple(b) for b in found["bylines"]},
            {tuple(b) for b in expected["structure"]["bylines"]},
        )
        keys = _keys(result, known)
        for kind in KINDS:
            tally.add(kind, keys[kind], set(expected["entities"][kind]))
            want = set(expected["entities"][kind])
            if keys[kind] != want:
                errors.append(f"{kind}: found {sorted(keys[kind])}, expected {sorted(want)}")
        failures += [f"{article.name}: {error}" for error in errors]
    with capsys.disabled():
        print(f"\nCorpus: {len(corpus)} articles\n{tally.table()}")
        for failure in failures:
            print("  ", failure)
    structural = [f for f in failures if f.split(": ", 1)[1].split(":")[0] not in KINDS]
    assert not structural
    for kind in ("captions", "bylines"):
        assert tally.scores(kind) == (1.0, 1.0), kind
    for kind in KINDS:
        precision, recall = tally.scores(kind)
        assert precision >= MIN_PRECISION, (kind, precision)
        assert recall >= MIN_RECALL, (kind, recall)
