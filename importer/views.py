"""The "Nhập bài" page of the newsroom admin: hand in, confirm, land on the draft.

The first step reads and analyses the input and stages its pictures; nothing is written
to the database. The analysis travels to the confirmation step signed (``forms.sign``),
so it cannot be altered and belongs to the reporter who made it. Confirming creates the
draft through ``importing.create_draft`` (the write path) and opens its form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from newsroom.roles import staff_may
from photos.models import Photo

from . import importing
from .errors import ImportRefused
from .forms import ConfirmForm, ImportForm, sign, unsign
from .sources import MAX_TEXT_CHARS
from .structure import FIGURE, SUBHEAD, split_credit
from .suggestions import MOVEMENT, UNKNOWN_OFFICIAL

CONFIRM = "_xac_nhan"
# Characters either side of a match shown with its suggestion.
SNIPPET = 70


def may_import(user) -> bool:
    return staff_may(user, "articles.add_article")


def import_view(request, admin_site):
    if not may_import(request.user):
        raise PermissionDenied("Bạn không được nhập bài.")
    context = {**admin_site.each_context(request), "title": "Nhập bài"}
    if request.method != "POST":
        return _first_step(request, context, ImportForm())
    try:
        data, files = request.POST, request.FILES
    except RequestDataTooBig:
        context["page_errors"] = [
            "Nội dung gửi lên quá lớn (hơn 5 MB) nên chưa đọc được. Một bài viết dài cũng chỉ "
            "khoảng vài trăm KB: hãy kiểm tra lại nội dung đã dán, hoặc tải lên tệp .docx/.txt."
        ]
        return _first_step(request, context, ImportForm(), status=413)
    if CONFIRM in data:
        return _confirm(request, context)
    return _analyse(request, context, ImportForm(data, files))


def _first_step(request, context, form, legacy=None, status=200):
    context.update(form=form, legacy=legacy, max_chars=MAX_TEXT_CHARS)
    return TemplateResponse(request, "admin/importer/import_form.html", context, status=status)


def _analyse(request, context, form):
    if not form.is_valid():
        return _first_step(request, context, form)
    upload = form.cleaned_data["upload"]
    filename = importing.posix_name(upload.name) if upload else ""
    try:
        document, source = importing.read(
            pasted=form.cleaned_data["text"],
            data=upload.read() if upload else None,
            filename=filename,
            legacy_encoding=form.legacy_encoding,
        )
    except ImportRefused as refusal:
        form.add_error("upload" if upload else "text", refusal.message)
        return _first_step(request, context, form)
    if document.legacy and not form.legacy_decided:
        if upload:
            form.add_error("upload", "Hãy chọn cách xử lý bảng mã bên dưới rồi chọn lại tệp.")
        return _first_step(request, context, form, legacy=document.legacy)
    staging = importing.stage(document, form.cleaned_data["day"], source, filename)
    section = form.cleaned_data["section"]
    confirm = ConfirmForm(
        initial={
            "staging": sign(staging, request.user),
            "section": section,
            "title": staging.result.draft.title,
            "lead": staging.result.draft.lead,
        }
    )
    decisions = importing.default_decisions(staging, section.pk)
    return _confirmation(request, context, confirm, staging, decisions)


def _decisions(request, staging, cleaned) -> importing.Decisions:
    post = request.POST
    accepted = set(post.getlist("accept"))
    chosen = {}
    for suggestion in importing.linkable(staging.result.suggestions):
        value = post.get(f"chon-{suggestion.key}", "")
        if value.isdigit():
            chosen[suggestion.key] = int(value)
    draft = staging.result.draft
    authors = importing.match_authors([b.name for b in draft.bylines])
    bylines = [
        importing.BylineChoice(b.name, b.role, authors[b.name].pk if b.name in authors else None)
        for index, b in enumerate(draft.bylines)
        if post.get(f"ky-{index}")
    ]
    return importing.Decisions(
        title=cleaned.get("title", draft.title),
        lead=cleaned.get("lead", draft.lead),
        section_id=cleaned["section"].pk if cleaned.get("section") else 0,
        accepted=accepted,
        chosen=chosen,
        bylines=bylines,
        requests=set(post.getlist("de-nghi")),
        credits={
            index: post.get(f"tac-gia-anh-{index}", proposed)
            for index, proposed in importing.proposed_credits(staging).items()
        },
    )


def _confirm(request, context):
    staging = unsign(request.POST.get("staging", ""), request.user)
    if staging is None:
        context["page_errors"] = [
            "Phiên nhập bài đã hết hạn hoặc không hợp lệ (quá một ngày, hoặc của tài khoản "
            "khác). Hãy nhập lại bài."
        ]
        return _first_step(request, context, ImportForm())
    confirm = ConfirmForm(request.POST)
    valid = confirm.is_valid()
    decisions = _decisions(request, staging, confirm.cleaned_data)
    if valid:
        try:
            article = importing.create_draft(staging, request.user, decisions)
        except (ValidationError, PermissionDenied) as error:
            confirm.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                f"Đã tạo bản nháp “{article.title}” từ bài nhập. Hãy xem lại rồi gửi duyệt.",
            )
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
    return _confirmation(request, context, confirm, staging, decisions)


def _confirmation(request, context, confirm, staging, decisions):
    result = staging.result
    draft = result.draft
    blocks = []
    credited = set()
    for block in draft.blocks:
        picture = staging.picture(block.picture) if block.kind == FIGURE else None
        # One credit field per picture (its first slot), prefilled with what the import
        # proposes; the caption is shown as the library will keep it, without the credit.
        asks_credit = picture is not None and picture.index not in credited
        if asks_credit:
            credited.add(picture.index)
        blocks.append(
            {
                "kind": block.kind,
                "text": split_credit(block.text)[0] if picture is not None else block.text,
                "is_figure": block.kind == FIGURE,
                "is_subhead": block.kind == SUBHEAD,
                "picture_url": _picture_url(picture),
                "credit_name": f"tac-gia-anh-{picture.index}" if asks_credit else "",
                "credit": decisions.credits.get(picture.index, "") if asks_credit else "",
            }
        )
    suggestions = []
    for suggestion in result.suggestions:
        if suggestion.kind == UNKNOWN_OFFICIAL:
            continue
        suggestions.append(
            {
                "s": suggestion,
                "linkable": suggestion.kind != MOVEMENT,
                "accepted": suggestion.key in decisions.accepted,
                "chosen": decisions.chosen.get(suggestion.key),
                "snippets": [_snippet(draft, m) for m in suggestion.mentions[:3]],
                "more": max(0, len(suggestion.mentions) - 3),
            }
        )
    unknown = [
        {"s": s, "snippets": [_snippet(draft, m) for m in s.mentions[:2]]}
        for s in result.suggestions
        if s.kind == UNKNOWN_OFFICIAL
    ]
    authors = importing.match_authors([b.name for b in draft.bylines])
    kept = {(b.name, b.role) for b in decisions.bylines}
    bylines = [
        {
            "index": index,
            "byline": b,
            "author": authors.get(b.name),
            "kept": (b.name, b.role) in kept,
        }
        for index, b in enumerate(draft.bylines)
    ]
    context.update(
        form=confirm,
        staging=staging,
        result=result,
        draft=draft,
        blocks=blocks,
        suggestions=suggestions,
        unknown=unknown,
        bylines=bylines,
        may_add_authors=staff_may(request.user, "articles.add_author"),
        glossary=_abbreviations_in(draft),
        confirm_name=CONFIRM,
        title="Nhập bài: xác nhận",
    )
    return TemplateResponse(request, "admin/importer/import_confirm.html", context)


def _picture_url(picture):
    if picture is None:
        return ""
    # Staged pictures have no renditions yet (the worker makes them for the photo).
    return Photo._meta.get_field("image").storage.url(picture.name) if picture.name else ""


def _snippet(draft, mention):
    texts = {(part, index): value for part, index, value in draft.texts()}
    value = texts.get((mention.part, mention.index), "")
    start, end = mention.start, mention.end
    before = value[max(0, start - SNIPPET) : start]
    after = value[end : end + SNIPPET]
    return {
        "where": _where(draft, mention),
        "before": ("…" if start > SNIPPET else "") + before,
        "match": value[start:end],
        "after": after + ("…" if end + SNIPPET < len(value) else ""),
    }


def _where(draft, mention):
    if mention.part != "body":
        return {"title": "Tiêu đề", "lead": "Sapo"}.get(mention.part, "")
    kind = draft.blocks[mention.index].kind if mention.index < len(draft.blocks) else ""
    return {FIGURE: "Chú thích ảnh", SUBHEAD: "Tiêu đề phụ"}.get(kind, "Đoạn")


def _abbreviations_in(draft):
    """The glossary's abbreviations the article uses, with their meanings."""
    from .abbreviations import cached_glossary

    words = {word for _part, _index, value in draft.texts() for word in value.split()}
    stripped = {word.strip('.,;:!?()«»"“”') for word in words}
    found = {}
    for entry in cached_glossary():
        if entry.letters in stripped:
            found.setdefault(entry.letters, []).append(entry.expansion)
    return sorted(found.items())
