"""The article admin's editorial tools: history, conflicts, presence, drafts, preview
links and corrections.

``EditorialAdminMixin`` goes into ArticleAdmin's bases; every decision is taken by the
write path and the workflow (``articles.editing``, ``articles.workflow``) or this app's
modules, the views here only ask and show.
"""

import time
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import editing, locking, workflow
from newsroom import text
from newsroom.errors import WorkflowError
from newsroom.formrender import ConstantMedia

from .. import audit, presence, previews, revisions
from ..forms import CorrectionForm, PreviewLinkForm
from ..models import PreviewLink

SAVED_COOKIE = "editorial_saved"


class VersionedFormMixin:
    """The change form carries the version it was loaded with; the write path checks it.

    When the write refuses it (``locking.Conflict``), the change view shows the form
    again (``conflict`` set): the message, everything typed, and the stored version,
    so pressing Save once more is a deliberate overwrite.
    """

    conflict = None

    @staticmethod
    def version_field():
        return forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            error_messages={
                "required": "Trang sửa bài thiếu số phiên bản; hãy tải lại trang rồi lưu.",
                "invalid": "Số phiên bản không hợp lệ; hãy tải lại trang rồi lưu.",
            },
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.conflict is not None:
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = self.conflict.version
            raise forms.ValidationError(self.conflict.message, code="conflict")
        return cleaned_data


def _draft_key(user, article):
    return f"{user.pk}-{article.pk if article is not None else 'new'}"


class EditorialAdminMixin:
    # --- The change form ---------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            return super().get_form(request, obj, change=change, **kwargs)
        # Mixed into the base the admin's factory builds from: subclassing the model form
        # it returns would make every form field again (the metaclass reads ``Meta``).
        base = kwargs.pop("form", self.form)
        attrs = {
            "__module__": __name__,
            "loaded_version": VersionedFormMixin.version_field(),
            "conflict": getattr(request, "article_conflict", None),
        }
        form = type(base.__name__, (VersionedFormMixin, base), attrs)
        return super().get_form(request, obj, change=change, form=form, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except locking.Conflict as conflict:
            if object_id is None or request.method != "POST":
                raise
            # The write was refused and rolled back; show the form again as typed.
            request.article_conflict = conflict
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied as refusal:
            if object_id is None or request.method != "POST":
                raise
            return self._refused_save(request, object_id, refusal)

    # What a refused save shows of what was typed, in the form's order.
    TYPED = (("title", "Tiêu đề"), ("lead", "Sapo"), ("body", "Nội dung"), ("source", "Nguồn"))

    def _refused_save(self, request, object_id, refusal):
        """The save came too late (the article was submitted or published meanwhile) or was
        never allowed: a Vietnamese page with everything typed, so nothing is lost."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("Không có bài viết này.")
        typed = [
            (label, request.POST.get(name, ""))
            for name, label in self.TYPED
            if request.POST.get(name, "").strip()
        ]
        response = self._page(
            request,
            article,
            "refused.html",
            "Không lưu được bài",
            reason=str(refusal) if str(refusal) else "",
            state=article.state_label(),
            typed=typed,
        )
        response.status_code = 403
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        user = request.user
        now_ms = int(time.time() * 1000)
        editorial = {
            "draft_key": _draft_key(user, obj),
            "server_updated_ms": int(obj.updated_at.timestamp() * 1000) if obj else 0,
            "server_now_ms": now_ms,
            "heartbeat_seconds": presence.HEARTBEAT_SECONDS,
        }
        if obj is not None:
            form = context["adminform"].form
            editorial |= {
                "version_field": form["loaded_version"]
                if "loaded_version" in form.fields
                else None,
                "presence": presence.visit(obj.pk, user),
                "can_take_over": workflow.is_editor(user),
                "presence_url": self._url("presence", obj),
                "take_over_url": self._url("take_over", obj),
                "leave_url": self._url("leave", obj),
                "history_url": self._url("revisions", obj)
                if workflow.can_view_history(user, obj)
                else "",
                "preview_links_url": self._url("preview_links", obj)
                if previews.can_share_preview(user, obj)
                else "",
                # The form opens only articles the user may see: its page, as the reader
                # will see it, is shown beside the form on request.
                "preview_url": obj.get_absolute_url() if obj.slug else "",
                # ... and with the text as typed, not yet saved (editorial.views).
                "typed_preview_url": reverse("editorial:typed_preview", args=[obj.pk])
                if obj.slug
                else "",
                "correction_url": self._url("correction", obj)
                if workflow.can_correct(user, obj)
                else "",
            }
        context["editorial"] = editorial
        if "media" in context:
            context["media"] = ConstantMedia.of(context["media"])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self._mark_draft_saved(request, response, _draft_key(request.user, None))

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        return self._mark_draft_saved(request, response, _draft_key(request.user, obj))

    @staticmethod
    def _mark_draft_saved(request, response, key):
        """Tell the browser's autosave (editorial-autosave.js) its draft is now saved.

        A cookie, because after "Lưu" the browser lands on the list, where the script
        does not run; the next edit page it opens drops drafts older than this save.
        """
        entries = [e for e in request.COOKIES.get(SAVED_COOKIE, "").split("|") if e]
        entries = [e for e in entries if not e.startswith(f"{key}-")][-9:]
        entries.append(f"{key}-{int(time.time() * 1000)}")
        response.set_cookie(
            SAVED_COOKIE, "|".join(entries), max_age=7 * 24 * 3600, path="/admin/", samesite="Lax"
        )
        return response

    # --- Extra pages ---------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = "articles_article_"
        return [
            path("<path:object_id>/phien-ban/", wrap(self.revisions_view), name=f"{name}revisions"),
            path(
                "<path:object_id>/phien-ban/so-sanh/",
                wrap(self.compare_view),
                name=f"{name}compare",
            ),
            path(
                "<path:object_id>/phien-ban/<int:version_id>/khoi-phuc/",
                wrap(self.restore_view),
                name=f"{name}restore",
            ),
            path(
                "<path:object_id>/xem-truoc/",
                wrap(self.preview_links_view),
                name=f"{name}preview_links",
            ),
            path(
                "<path:object_id>/xem-truoc/<int:link_id>/thu-hoi/",
                wrap(self.revoke_preview_view),
                name=f"{name}revoke_preview",
            ),
            path(
                "<path:object_id>/dinh-chinh/", wrap(self.correction_view), name=f"{name}correction"
            ),
            path("<path:object_id>/dang-mo/", wrap(self.presence_view), name=f"{name}presence"),
            path(
                "<path:object_id>/dang-mo/tiep-quan/",
                wrap(self.take_over_view),
                name=f"{name}take_over",
            ),
            path("<path:object_id>/dang-mo/roi-trang/", wrap(self.leave_view), name=f"{name}leave"),
            *super().get_urls(),
        ]

    @staticmethod
    def _url(name, article, *args):
        return reverse(f"admin:articles_article_{name}", args=[article.pk, *args])

    def _article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("Không có bài viết này.")
        return article

    def _page(self, request, article, template, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "article": article,
            "change_url": self._url("change", article),
            **context,
        }
        return TemplateResponse(request, f"admin/articles/article/{template}", context)

    def history_view(self, request, object_id, extra_context=None):
        """Django's history page: the article has one, its versions and log."""
        return redirect(self._url("revisions", self._article(request, object_id)))

    def revisions_view(self, request, object_id):
        article = self._article(request, object_id)
        if not workflow.can_view_history(request.user, article):
            raise PermissionDenied("Bạn không được xem lịch sử bài này.")
        versions = revisions.history(article)
        return self._page(
            request,
            article,
            "revisions.html",
            f"Lịch sử: {article.title}",
            versions=versions,
            log=audit.log_of(article),
            can_restore=workflow.can_restore(request.user, article),
            compare_url=self._url("compare", article),
        )

    def compare_view(self, request, object_id):
        article = self._article(request, object_id)
        if not workflow.can_view_history(request.user, article):
            raise PermissionDenied("Bạn không được xem lịch sử bài này.")
        versions = {v.pk: v for v in revisions.history(article)}
        try:
            old = versions[int(request.GET.get("tu", ""))]
            new = versions[int(request.GET.get("den", ""))]
        except (KeyError, ValueError):
            messages.error(request, "Hãy chọn hai phiên bản của bài này để so sánh.")
            return redirect(self._url("revisions", article))
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        return self._page(
            request,
            article,
            "compare.html",
            f"So sánh phiên bản: {article.title}",
            old=old,
            new=new,
            changes=revisions.compare(old, new),
            history_url=self._url("revisions", article),
            can_restore=workflow.can_restore(request.user, article),
        )

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        version = revisions.get_version(article, version_id)
        if version is None:
            raise Http404("Không có phiên bản này.")
        try:
            lost = editing.restore_revision(article, version, request.user)
        except WorkflowError as error:
            messages.error(request, str(error))
            return redirect(self._url("revisions", article))
        messages.success(
            request,
            "Đã khôi phục phiên bản lưu lúc "
            f"{text.format_moment(version.revision.date_created)}; "
            "bản đang có trước đó vẫn nằm trong lịch sử.",
        )
        if lost:
            messages.warning(request, f"Không khôi phục được (đã bị xoá): {', '.join(lost)}.")
        return redirect(self._url("change", article))

    def preview_links_view(self, request, object_id):
        article = self._article(request, object_id)
        if not previews.can_share_preview(request.user, article):
            raise PermissionDenied("Chỉ biên tập viên được tạo liên kết xem trước.")
        form = PreviewLinkForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            link = previews.create_preview_link(
                article,
                request.user,
                timedelta(hours=form.cleaned_data["lifetime"]),
                form.cleaned_data["note"],
            )
            messages.success(
                request,
                format_html(
                    "Đã tạo liên kết xem trước, hết hạn lúc {}: <code>{}</code>",
                    text.format_moment(link.expires_at),
                    request.build_absolute_uri(link.get_absolute_url()),
                ),
            )
            return redirect(self._url("preview_links", article))
        links = article.preview_links.select_related("created_by", "revoked_by")
        now = timezone.now()
        rows = [
            {
                "link": link,
                "url": request.build_absolute_uri(link.get_absolute_url()),
                "active": link.is_active(now),
                "revoke_url": self._url("revoke_preview", article, link.pk),
            }
            for link in links
        ]
        return self._page(
            request,
            article,
            "preview_links.html",
            f"Liên kết xem trước: {article.title}",
            form=form,
            rows=rows,
        )

    def revoke_preview_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        link = PreviewLink.objects.filter(article=article, pk=link_id).first()
        if link is None:
            raise Http404("Không có liên kết này.")
        try:
            previews.revoke_preview_link(link, request.user)
        except WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Đã thu hồi liên kết; người nhận không mở được nữa.")
        return redirect(self._url("preview_links", article))

    def correction_view(self, request, object_id):
        article = self._article(request, object_id)
        if not workflow.is_editor(request.user):
            raise PermissionDenied("Chỉ biên tập viên được đính chính bài.")
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                editing.add_correction(
                    article,
                    request.user,
                    form.cleaned_data["text"],
                    form.cleaned_data["published_at"],
                )
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Đã đăng đính chính cho “{article.title}”.")
                return redirect(self._url("change", article))
        return self._page(
            request,
            article,
            "correction_form.html",
            f"Đính chính: {article.title}",
            form=form,
            corrections=article.corrections.all(),
        )

    # --- Presence ------------------------------------------------------------------------

    def presence_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        return JsonResponse(presence.visit(article.pk, request.user))

    def take_over_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        if not workflow.is_editor(request.user):
            raise PermissionDenied("Chỉ biên tập viên được tiếp quản bài đang có người mở.")
        presence.take_over(article.pk, request.user)
        messages.info(request, "Bạn đã tiếp quản bài này; người đang mở sẽ được báo.")
        return redirect(self._url("change", article))

    def leave_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        presence.leave(article.pk, request.user)
        return HttpResponse(status=204)
