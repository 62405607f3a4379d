"""From what the reporter handed in to a draft: the importer's only writes.

Two steps, as the "Nhập bài" form and ``manage.py import_articles`` take them:

1. ``read`` the input (pasted text or HTML, a .docx, a .txt file) and ``analyse`` it
   (``pipeline.analyse``); the document's pictures are staged through the photo
   library's one way in (``photos.ingest.stage``: decoded, the original stored, no row
   yet; the task worker makes the renditions once the photo exists), in document
   order. Nothing is written to the database. ``Staging`` is what the form carries to
   the confirmation page (signed, see ``views``).
2. ``create_draft`` with the reporter's decisions: in one transaction the staged
   pictures become library photos (caption exactly as written), new pen names are
   added, and the article is written once through ``articles.editing.save_article``
   as a draft owned by the reporter, with the accepted record links, the bylines in
   order and a link on the first mention of each accepted record in the body; the
   import is recorded (``Import``) and unknown officials the reporter chose are passed
   to records staff (``RecordRequest``). If anything fails, nothing stays: the
   transaction rolls back and the staged files are deleted.
"""

import datetime
import posixpath
from dataclasses import asdict, dataclass, field, fields

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from articles import editing
from articles.models import Article, Author, Section
from clusters.models import Cluster, Event, Official, Unit
from newsroom import text
from newsroom.roles import staff_may
from photos import ingest

from . import docx, pipeline, sources
from .bylines import PHOTO, ROLE_LABELS, TEXT_AND_PHOTO
from .models import Import, RecordRequest
from .structure import FIGURE, split_credit
from .suggestions import CLUSTER, EVENT, OFFICIAL, UNIT, UNKNOWN_OFFICIAL, Suggestion

_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
_LINK_FIELDS = {UNIT: "units", CLUSTER: "clusters", OFFICIAL: "officials", EVENT: "events"}
_MODELS = {UNIT: Unit, CLUSTER: Cluster, OFFICIAL: Official, EVENT: Event}


@dataclass
class StagedPicture:
    """A document's picture, its original stored, not yet a library photo.

    Its renditions are made by the task worker once ``create_draft`` saves the photo.
    """

    index: int
    name: str
    width: int
    height: int
    alt_text: str = ""

    def as_staged(self) -> ingest.Staged:
        # The same one each time (not a field: not signed into the form), so ``discard``
        # knows the photo a failed write saved and any renditions made for it.
        staged = getattr(self, "_staged", None)
        if staged is None:
            staged = self._staged = ingest.Staged(self.name, self.width, self.height)
        return staged

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "StagedPicture":
        # A form signed before staging stopped carrying renditions still confirms.
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


@dataclass
class Staging:
    """Everything between reading the input and creating the draft."""

    result: pipeline.ImportResult
    source: str
    filename: str = ""
    pictures: list[StagedPicture] = field(default_factory=list)
    # Pictures the library refused (a Windows metafile in a .docx): said on the page.
    picture_problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "result": self.result.to_dict(),
            "source": self.source,
            "filename": self.filename,
            "pictures": [picture.to_dict() for picture in self.pictures],
            "picture_problems": self.picture_problems,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Staging":
        return cls(
            result=pipeline.ImportResult.from_dict(data["result"]),
            source=data["source"],
            filename=data.get("filename", ""),
            pictures=[StagedPicture.from_dict(p) for p in data.get("pictures", [])],
            picture_problems=list(data.get("picture_problems", [])),
        )

    def picture(self, index: int | None) -> StagedPicture | None:
        return next((p for p in self.pictures if p.index == index), None)

    def discard(self) -> None:
        """Delete the staged files no photo row holds (call after the write ended)."""
        for picture in self.pictures:
            picture.as_staged().discard_unless_saved()


def read(
    *,
    pasted: str = "",
    data: bytes | None = None,
    filename: str = "",
    legacy_encoding: str | None = None,
) -> tuple[sources.SourceDocument, str]:
    """The document and its source kind (``Import.Source``); raises ImportRefused."""
    if data is not None:
        if filename.lower().endswith(".txt"):
            value = sources.decode_text_file(data)
            return sources.read_text(value, legacy_encoding), Import.Source.FILE
        return docx.read_docx(data, filename, legacy_encoding), Import.Source.DOCX
    if _looks_like_html(pasted):
        return sources.read_html(pasted, legacy_encoding), Import.Source.HTML
    return sources.read_text(pasted, legacy_encoding), Import.Source.TEXT


def _looks_like_html(value: str) -> bool:
    head = value.lstrip()[:2000].lower()
    return head.startswith("<") and any(
        tag in head for tag in ("<p", "<div", "<h1", "<h2", "<br", "<html", "<body", "<span")
    )


def stage(
    document: sources.SourceDocument,
    day: datetime.date,
    source: str,
    filename: str = "",
) -> Staging:
    """Analyse the document and stage its pictures; raises nothing for a bad picture."""
    result = pipeline.analyse(document, day)
    pictures, problems = [], []
    for picture in document.pictures:
        extension = _EXTENSIONS.get(picture.content_type, "")
        upload = ContentFile(picture.data, name=f"anh-{picture.index + 1}{extension}")
        try:
            staged = ingest.stage(upload)
        except ValidationError as error:
            problems.append(f"Ảnh thứ {picture.index + 1} trong tệp: {' '.join(error.messages)}")
            continue
        pictures.append(
            StagedPicture(
                picture.index,
                staged.name,
                staged.width,
                staged.height,
                text.clean_line(picture.alt_text),
            )
        )
    return Staging(result, source, filename, pictures, problems)


# --- The reporter's decisions ----------------------------------------------------------


@dataclass
class BylineChoice:
    """One name at the foot of the article: an existing author, or a new pen name."""

    name: str
    role: str
    author_id: int | None = None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, "")


@dataclass
class Decisions:
    title: str
    lead: str
    section_id: int
    # Suggestion keys the reporter accepted; for an ambiguous one, the record chosen.
    accepted: set[str] = field(default_factory=set)
    chosen: dict[str, int] = field(default_factory=dict)
    bylines: list[BylineChoice] = field(default_factory=list)
    # Unknown officials (suggestion keys) to pass to records staff.
    requests: set[str] = field(default_factory=set)
    # The photo credit of each picture (by its index in the staging): publishing needs one.
    credits: dict[int, str] = field(default_factory=dict)


def match_authors(names: list[str]) -> dict[str, Author]:
    """Existing authors by the names written in the byline (compared folded), one query."""
    if not names:
        return {}
    query = Q()
    for name in names:
        query |= Q(name__iexact=name)
    by_key = {}
    for author in Author.objects.filter(query).order_by("pk"):
        by_key.setdefault(text.fold(author.name), author)
    return {name: by_key[text.fold(name)] for name in names if text.fold(name) in by_key}


def default_decisions(staging: Staging, section_id: int) -> Decisions:
    """What the form proposes before the reporter changes anything (and the command uses)."""
    draft = staging.result.draft
    authors = match_authors([byline.name for byline in draft.bylines])
    return Decisions(
        title=draft.title,
        lead=draft.lead,
        section_id=section_id,
        accepted={s.key for s in linkable(staging.result.suggestions) if s.accepted},
        bylines=[
            BylineChoice(b.name, b.role, authors[b.name].pk if b.name in authors else None)
            for b in draft.bylines
        ],
        credits=proposed_credits(staging),
    )


def proposed_credits(staging: Staging) -> dict[int, str]:
    """{picture index: credit} as the form proposes it: the credit written in the picture's
    caption ("(Ảnh: Xuân Bắc)"); otherwise the byline's photographers ("Ảnh: …", "Bài,
    ảnh: …"); otherwise the byline as written ("Trọng Tuấn – Xuân Bắc": the reporters took
    the pictures, which the reporter confirms or corrects on the confirmation page)."""
    draft = staging.result.draft
    photographers = [b.name for b in draft.bylines if b.role in (PHOTO, TEXT_AND_PHOTO)]
    fallback = " – ".join(photographers or [b.name for b in draft.bylines])
    credits = {}
    for block in draft.blocks:
        picture = staging.picture(block.picture) if block.kind == FIGURE else None
        if picture is not None and picture.index not in credits:
            credits[picture.index] = split_credit(block.text)[1] or fallback
    return credits


def linkable(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Suggestions that can become a record link (unambiguous or with candidates)."""
    return [s for s in suggestions if s.kind in _LINK_FIELDS]


def resolved(staging: Staging, decisions: Decisions) -> list[tuple[Suggestion, int]]:
    """(suggestion, record id) of every accepted link, in the article's order."""
    chosen = []
    for suggestion in linkable(staging.result.suggestions):
        if suggestion.key not in decisions.accepted:
            continue
        record_id = suggestion.record_id
        if record_id is None:
            candidates = {c.id for c in suggestion.candidates}
            record_id = decisions.chosen.get(suggestion.key)
            if record_id not in candidates:
                continue
        chosen.append((suggestion, record_id))
    return chosen


def create_draft(staging: Staging, user, decisions: Decisions) -> Article:
    """Write the draft, or nothing: the transaction rolls back on any failure.

    A refusal the reporter can fix (ValidationError, PermissionDenied) keeps the staged
    pictures for the next try; any other failure deletes them too.
    """
    if not staff_may(user, "articles.add_article"):
        raise PermissionDenied("Bạn không được viết bài mới.")
    try:
        with transaction.atomic():
            article = _write(staging, user, decisions)
    except (ValidationError, PermissionDenied):
        raise
    except BaseException:
        staging.discard()
        raise
    return article


def _write(staging: Staging, user, decisions: Decisions) -> Article:
    draft = staging.result.draft
    section = Section.objects.filter(pk=decisions.section_id).first()
    if section is None:
        raise ValidationError("Hãy chọn chuyên mục cho bài.", code="section")
    title = text.clean_line(decisions.title)
    if not title:
        raise ValidationError("Bài chưa có tiêu đề.", code="title")

    photo_ids = {}
    for block in draft.blocks:
        picture = staging.picture(block.picture) if block.kind == FIGURE else None
        if picture is None or picture.index in photo_ids:
            continue
        # The caption as written; a credit written in it moves to the library's credit
        # field (the public figure prints "caption Ảnh: credit", so the words read as
        # written), replaced by the credit the reporter confirmed.
        caption = split_credit(block.text)[0]
        photo = picture.as_staged().save(
            user,
            caption=caption,
            alt_text=(picture.alt_text or _alt_from(caption))[:300],
            credit=text.clean_line(decisions.credits.get(picture.index, ""))[:200],
        )
        photo_ids[picture.index] = photo.pk

    bylines = []
    for choice in decisions.bylines:
        author = _author(choice, user)
        if author is not None and all(author.pk != b.author.pk for b in bylines):
            bylines.append(editing.Byline(author, choice.role))

    accepted = resolved(staging, decisions)
    links: dict[str, list[int]] = {name: [] for name in _LINK_FIELDS.values()}
    for suggestion, record_id in accepted:
        ids = links[_LINK_FIELDS[suggestion.kind]]
        if record_id not in ids:
            ids.append(record_id)
    anchors = _anchors(draft, accepted)

    article = editing.save_article(
        Article(),
        user,
        changes={
            "title": title,
            "lead": text.clean(decisions.lead),
            "body": pipeline.body_html(draft, photo_ids, anchors),
            "section": section,
            "source": draft.source,
        },
        links=links,
        bylines=bylines,
        comment=f"Nhập bài ({Import.Source(staging.source).label})",
    )
    Import.objects.create(
        article=article,
        source=staging.source,
        filename=staging.filename[:255],
        original_date=staging.result.day,
        imported_by=user,
    )
    for suggestion in staging.result.suggestions:
        if suggestion.kind == UNKNOWN_OFFICIAL and suggestion.key in decisions.requests:
            request_record(suggestion, article, user)
    return article


def _alt_from(caption: str) -> str:
    # The caption describes the picture; the reporter can refine the description.
    return text.clean_line(caption)


def _author(choice: BylineChoice, user) -> Author | None:
    if choice.author_id is not None:
        return Author.objects.filter(pk=choice.author_id).first()
    name = text.clean_line(choice.name)
    if not name:
        return None
    if not staff_may(user, "articles.add_author"):
        raise PermissionDenied("Bạn không được thêm bút danh mới.")
    return Author.objects.create(name=name)


def request_record(suggestion: Suggestion, article, user) -> RecordRequest:
    mention = suggestion.mentions[0] if suggestion.mentions else None
    request, _created = RecordRequest.objects.get_or_create(
        article=article,
        name=text.clean_line(suggestion.name or suggestion.label),
        defaults={
            "rank_text": suggestion.rank_text,
            "position_text": suggestion.position_text,
            "phrase": (mention.phrase or mention.text)[:500] if mention else "",
            "requested_by": user,
        },
    )
    return request


def _anchors(draft, accepted) -> dict[int, list[tuple[int, int, str]]]:
    """Where the body links each accepted record: its first mention in a paragraph or
    subhead (a caption goes with its photo). Withheld officials are never linked."""
    ids_by_kind: dict[str, set[int]] = {}
    for suggestion, record_id in accepted:
        ids_by_kind.setdefault(suggestion.kind, set()).add(record_id)
    urls = {}
    for kind, ids in ids_by_kind.items():
        queryset = _MODELS[kind].objects.filter(pk__in=ids)
        if kind == OFFICIAL:
            queryset = queryset.public()
        urls.update({(kind, record.pk): record.get_absolute_url() for record in queryset})
    anchors: dict[int, list[tuple[int, int, str]]] = {}
    for suggestion, record_id in accepted:
        url = urls.get((suggestion.kind, record_id))
        if url is None:
            continue
        for mention in suggestion.mentions:
            if mention.part != "body" or draft.blocks[mention.index].kind == FIGURE:
                continue
            spans = anchors.setdefault(mention.index, [])
            if all(mention.end <= start or mention.start >= end for start, end, _ in spans):
                spans.append((mention.start, mention.end, url))
                break
    for spans in anchors.values():
        spans.sort()
    return anchors


def posix_name(filename: str) -> str:
    """A file name as uploaded, without the folders some browsers send."""
    return posixpath.basename(filename.replace("\\", "/"))
