"""One call from what the reporter handed in to what the confirmation form shows.

    document = sources.read_text(pasted)            # or read_html(...), docx.read_docx(...)
    result = pipeline.analyse(document, day)        # structure, entities, style warnings
    data = result.to_json()                         # carried between the form's steps
    result = ImportResult.from_json(data)           # … and back

``analyse`` reads the records once (``Catalogue.load``: a fixed number of queries) and the
typo list (one query), then works in Python. Nothing is saved: the write path does that
with what the reporter confirmed. A legacy-font detection is reported, never acted on;
the caller reads the input again with ``legacy_encoding`` when the reporter accepts.
"""

import datetime
import json
from dataclasses import dataclass, field
from html import escape

from .catalogue import Catalogue
from .entities import find_entities
from .legacy import LegacyDetection
from .sources import SourceDocument
from .structure import FIGURE, SUBHEAD, Draft, detect_structure
from .style import Rule, StyleWarning, check_style, load_rules
from .suggestions import CLUSTER, EVENT, MOVEMENT, OFFICIAL, UNIT, Suggestion

LINK_KINDS = (UNIT, OFFICIAL, CLUSTER, EVENT, MOVEMENT)


@dataclass
class ImportResult:
    day: datetime.date
    draft: Draft
    suggestions: list[Suggestion] = field(default_factory=list)
    warnings: list[StyleWarning] = field(default_factory=list)
    legacy: LegacyDetection | None = None
    # The legacy encoding the input was converted from, when the reporter asked.
    legacy_converted: str = ""
    source_kind: str = "text"

    def to_dict(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "draft": self.draft.to_dict(),
            "suggestions": [s.to_dict() for s in self.suggestions],
            "warnings": [w.to_dict() for w in self.warnings],
            "legacy": self.legacy.to_dict() if self.legacy else None,
            "legacy_converted": self.legacy_converted,
            "source_kind": self.source_kind,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportResult":
        return cls(
            day=datetime.date.fromisoformat(data["day"]),
            draft=Draft.from_dict(data["draft"]),
            suggestions=[Suggestion.from_dict(s) for s in data.get("suggestions", [])],
            warnings=[StyleWarning.from_dict(w) for w in data.get("warnings", [])],
            legacy=LegacyDetection.from_dict(data.get("legacy")),
            legacy_converted=data.get("legacy_converted", ""),
            source_kind=data.get("source_kind", "text"),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, value: str) -> "ImportResult":
        return cls.from_dict(json.loads(value))

    def accepted_links(self) -> dict[str, list[int]]:
        """Record ids to link the article to, per kind, from the accepted suggestions."""
        links: dict[str, list[int]] = {kind: [] for kind in LINK_KINDS}
        for suggestion in self.suggestions:
            if suggestion.accepted and suggestion.record_id is not None:
                ids = links.get(suggestion.kind)
                if ids is not None and suggestion.record_id not in ids:
                    ids.append(suggestion.record_id)
        return links

    def unknown_officials(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.kind == "unknown_official"]


def analyse(
    document: SourceDocument,
    day: datetime.date,
    *,
    catalogue: Catalogue | None = None,
    rules: list[Rule] | None = None,
) -> ImportResult:
    draft = detect_structure(document)
    catalogue = catalogue or Catalogue.load(day)
    rules = load_rules() if rules is None else rules
    suggestions = find_entities(draft, catalogue)
    return ImportResult(
        day=day,
        draft=draft,
        suggestions=suggestions,
        warnings=check_style(draft, suggestions, catalogue, rules),
        legacy=document.legacy,
        legacy_converted=document.legacy_converted,
        source_kind=document.kind,
    )


def body_html(
    draft: Draft,
    photo_ids: dict[int, int] | None = None,
    anchors: dict[int, list[tuple[int, int, str]]] | None = None,
) -> str:
    """The body as the write path stores it.

    photo_ids maps a picture index (``Block.picture``) to the library photo made from it;
    a figure with a photo becomes the body's reference ``<figure data-photo="N">`` (its
    caption goes into the library with the photo). A slot still waiting for a photo keeps
    its caption as an italic paragraph, so no words are lost. anchors maps a block's
    index to (start, end, href) spans of its text to link (sorted, not overlapping): the
    first mention of each accepted record.
    """
    photo_ids = photo_ids or {}
    anchors = anchors or {}
    parts = []
    for index, block in enumerate(draft.blocks):
        if block.kind == FIGURE:
            photo = photo_ids.get(block.picture) if block.picture is not None else None
            if photo is not None:
                parts.append(f'<figure data-photo="{int(photo)}"></figure>')
            elif block.text:
                parts.append(f"<p><em>{escape(block.text)}</em></p>")
        elif block.kind == SUBHEAD:
            parts.append(f"<h2>{_linked(block.text, anchors.get(index, ()))}</h2>")
        else:
            parts.append(f"<p>{_linked(block.text, anchors.get(index, ()))}</p>")
    return "\n".join(parts)


def _linked(value: str, spans) -> str:
    pieces, position = [], 0
    for start, end, href in spans:
        if start < position or end > len(value):
            continue
        pieces.append(escape(value[position:start]))
        pieces.append(f'<a href="{escape(href, quote=True)}">{escape(value[start:end])}</a>')
        position = end
    pieces.append(escape(value[position:]))
    return "".join(pieces)
