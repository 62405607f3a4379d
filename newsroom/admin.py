from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.models import ModelChoiceIterator
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language

from newsroom import branding, search, text, theme
from newsroom.formrender import constant_reverse

from .models import Publisher


class FoldedSearchMixin:
    """Admin search (and autocomplete) that ignores case, tone marks and diacritics.

    The model keeps a folded copy of its searchable text in ``search_text`` (the
    search document of ``newsroom.search.document``); every word the user types must
    appear in one of ``folded_search_fields``, so "thanh hoa" finds "Thanh Hoá"
    on SQLite and PostgreSQL alike. Fields across a to-many relation (a unit's
    aliases) need ``folded_search_distinct``.
    """

    search_fields = ["search_text"]
    folded_search_fields = ["search_text"]
    folded_search_distinct = False

    def get_search_results(self, request, queryset, search_term):
        """Every typed word must start a word of the record ("ha tinh" does not find
        "Thanh Hoá"); records whose text starts with, or is, what was typed come first
        (the list's own ordering then decides among equals)."""
        # The typed words as the documents hold them (folded, punctuation and control
        # characters dropped: "Hà Tĩnh," finds "ha tinh", a NUL byte finds nothing).
        words = search.document(search_term).split()
        for word in words:
            match = Q()
            for field in self.folded_search_fields:
                match |= Q(**{f"{field}__startswith": word}) | Q(
                    **{f"{field}__contains": f" {word}"}
                )
            queryset = queryset.filter(match)
        if words:
            field = self.folded_search_fields[0]
            phrase = " ".join(words)
            rank = Case(
                When(**{field: phrase}, then=Value(0)),
                When(**{f"{field}__startswith": f"{phrase} "}, then=Value(1)),
                When(**{f"{field}__startswith": phrase}, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
            ordering = list(queryset.query.order_by or queryset.model._meta.ordering or ["pk"])
            # Selected, not only aliased: with DISTINCT an ordering outside the select
            # list is added to it again, and with the parameters bound by the server
            # (settings/services.py) PostgreSQL cannot match the two copies.
            queryset = queryset.annotate(search_rank=rank).order_by("search_rank", *ordering)
        return queryset, bool(words) and self.folded_search_distinct


# --- Pickers: labels that tell like-named records apart --------------------------------

_PICKER_LABELS = {}


def register_picker_label(model, label, select_related=()):
    """How a picker (autocomplete) names ``model``'s records, e.g. a unit with its years
    of validity; ``select_related``: what the label reads across relations."""
    _PICKER_LABELS[model] = (label, tuple(select_related))


def picker_label(obj):
    entry = _PICKER_LABELS.get(type(obj))
    return entry[0](obj) if entry else str(obj)


def picker_queryset(queryset):
    entry = _PICKER_LABELS.get(queryset.model)
    return queryset.select_related(*entry[1]) if entry and entry[1] else queryset


class PickerAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete answering with the pickers' labels."""

    def get_queryset(self):
        return picker_queryset(super().get_queryset())

    def serialize_result(self, obj, to_field_name):
        return {"id": str(getattr(obj, to_field_name)), "text": picker_label(obj)}


class PickerLabelsMixin:
    """A model admin whose foreign-key and many-to-many pickers use the pickers' labels
    for the options already chosen, as the autocomplete does for those it offers."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _labelled(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _labelled(super().formfield_for_manytomany(db_field, request, **kwargs))


class BlankLabelledAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select, its empty choice named (an empty <option> is invalid)."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        for _group, options, _index in groups:
            for option in options:
                if option["value"] == "" and not option["label"]:
                    option["label"] = "(chưa chọn)"
        return groups


def _labelled(field):
    # The admin wraps the widget (add/change links) only after this hook returns.
    widget = getattr(field, "widget", None)
    widget = getattr(widget, "widget", widget)
    if type(widget) is AutocompleteSelect:
        widget.__class__ = BlankLabelledAutocompleteSelect
    queryset = getattr(field, "queryset", None)
    if queryset is not None and queryset.model in _PICKER_LABELS:
        field.queryset = picker_queryset(queryset)
        field.label_from_instance = picker_label
    return field


class ListedChoiceIterator(ModelChoiceIterator):
    """A short list's choices (the sections) read in one plain query.

    Django reads a select's choices through ``QuerySet.iterator()``, which on
    PostgreSQL is a server-side cursor (DECLARE … WITH HOLD, FETCH, CLOSE: a held
    cursor is materialised at commit) so that a long table is not loaded at once; for a
    few dozen rows that is three round trips and more of the database's CPU for one.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


def listed_choices(field):
    """``field`` (a model choice field, before the admin wraps its widget) reading its
    choices with ``ListedChoiceIterator``."""
    field.iterator = ListedChoiceIterator
    field.widget.choices = field.choices
    return field


class PreloadedChoicesMixin:
    """An autocomplete select that shows its chosen options from objects already loaded.

    Django's widget looks the chosen options up with a query of its own, one per row
    of an inline (the row's object, fetched with select_related, already holds it) and
    one per many-to-many picker (the article's links, prefetched with the article).
    Any value it was not given (a posted form that chose another) is looked up as usual.
    """

    preloaded = None

    def get_url(self):
        return constant_reverse(self.url_name % self.admin_site.name)

    def optgroups(self, name, value, attr=None):
        field = self.choices.field
        selected = {str(v) for v in value if str(v) not in field.empty_values}
        preloaded = self.preloaded or {}
        # Nothing chosen (a new byline row, the inline's template row) needs no look-up.
        if selected and not selected <= preloaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "(chưa chọn)", False, 0))
        # In the order they were fetched: the field's own ordering, as Django's query.
        for key in (key for key in preloaded if key in selected):
            label = field.label_from_instance(preloaded[key])
            options.append(self.create_option(name, key, label, selected, len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteSelect(PreloadedChoicesMixin, BlankLabelledAutocompleteSelect):
    pass


class PreloadedAutocompleteSelectMultiple(PreloadedChoicesMixin, AutocompleteSelectMultiple):
    pass


_MERGED_MEDIA = {}


class PreloadedChoicesForm(forms.ModelForm):
    """Hands each preloading autocomplete widget the related objects its instance already
    holds: a foreign key fetched with select_related, a many-to-many relation prefetched.

    Its ``media`` is merged once per process for each list of widget classes (and
    language): Django merges every widget's media again for each form it shows, a
    millisecond of the article form's CPU (issue 13). The admin's widgets, CKEditor's
    and ours take their media from their class and the language alone.
    """

    @property
    def media(self):
        return merged_media(self, lambda: super(PreloadedChoicesForm, self).media)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opts = self.instance._meta
        prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
        for name, bound_field in self.fields.items():
            widget = getattr(bound_field.widget, "widget", bound_field.widget)
            if not isinstance(widget, PreloadedChoicesMixin):
                continue
            model_field = opts.get_field(name)
            if model_field.many_to_many:
                if name in prefetched:
                    key = model_field.related_model._meta.pk.attname
                    widget.preloaded = {str(getattr(o, key)): o for o in prefetched[name]}
            elif model_field.is_cached(self.instance):
                related = model_field.get_cached_value(self.instance)
                if related is not None:
                    key = model_field.target_field.attname
                    widget.preloaded = {str(getattr(related, key)): related}


def merged_media(form, merge):
    """``form``'s media, ``merge()`` once per process for each list of widget classes
    (and language)."""
    # Each class once, in order of first use: a widget's media merged twice is merged once.
    classes = dict.fromkeys(_widget_classes(field.widget) for field in form.fields.values())
    # A form class's own ``Media`` (none of the desk's has one) and the admin's choice
    # of minified scripts (DEBUG) are part of the key.
    own = tuple(c for c in type(form).__mro__ if "Media" in c.__dict__)
    key = (get_language(), settings.DEBUG, own, *classes)
    media = _MERGED_MEDIA.get(key)
    if media is None:
        media = _MERGED_MEDIA[key] = merge()
    return media


class OneFormClassInlineAdminFormSet(helpers.InlineAdminFormSet):
    """An inline's formset whose media are merged once per process (``merged_media``).

    Django's ``InlineAdminFormSet.media`` adds each row's form media to the formset's,
    wrapping every row again to ask; all the forms of a formset are of one class (as
    ``BaseFormSet.media`` assumes), so the rows add nothing the first form has not.
    """

    @property
    def media(self):
        formset = self.formset
        form = formset.forms[0] if formset.forms else formset.empty_form
        return self.opts.media + merged_media(form, lambda: form.media)


class OneFormClassInlinesMixin:
    """A ModelAdmin whose inlines' media are merged once (``OneFormClassInlineAdminFormSet``)."""

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            if type(inline_admin_formset) is helpers.InlineAdminFormSet:
                inline_admin_formset.__class__ = OneFormClassInlineAdminFormSet
        return inline_admin_formsets


def _widget_classes(widget):
    inner = getattr(widget, "widget", None)  # a RelatedFieldWidgetWrapper's widget
    return (type(widget), type(inner)) if inner is not None else type(widget)


class PreloadedInlineMixin:
    """An inline whose change form makes the same queries for one row or for fifty.

    The rows are fetched with the foreign keys named in ``row_select_related`` so
    neither the row's title nor its autocomplete widgets query again.
    """

    row_select_related = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.row_select_related:
            queryset = queryset.select_related(*self.row_select_related)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        base = kwargs.get("form", self.form)
        if not issubclass(base, PreloadedChoicesForm):
            kwargs["form"] = type(base.__name__, (PreloadedChoicesForm, base), {})
        return super().get_formset(request, obj, **kwargs)


admin.site.site_header = "Toà soạn"
admin.site.site_title = "Toà soạn"
admin.site.index_title = "Quản trị nội dung"
# The home lists everything the sidebar would; its width goes to headlines instead.
admin.site.enable_nav_sidebar = False
admin.site.autocomplete_view = lambda request: PickerAutocompleteJsonView.as_view(
    admin_site=admin.site
)(request)


class PublisherForm(forms.ModelForm):
    class Meta:
        model = Publisher
        fields = ["site_name", "governing_body", "responsible_person", "licence"]
        fields += ["logo", "hotline", "address", "phone", "email"]
        fields += ["brand_colour", "brand_dark_colour", "accent_colour", "footer_note"]
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
            "footer_note": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.TextInput(
                    attrs={
                        "size": 9,
                        "placeholder": default,
                        "spellcheck": "false",
                        "autocomplete": "off",
                        "class": "colour-input",
                    }
                )
                for name, default in theme.DEFAULTS.items()
            },
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # A new upload is an UploadedFile; the stored logo (or False: cleared) passes as is.
        if logo and hasattr(logo, "content_type"):
            return branding.process_logo(logo)
        return logo


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    form = PublisherForm
    list_display = ["site_name", "governing_body", "responsible_person"]
    fieldsets = [
        (None, {"fields": ["site_name", "governing_body", "responsible_person", "licence"]}),
        ("Nhận diện", {"fields": ["logo", "hotline"]}),
        (
            "Màu sắc",
            {
                "fields": ["brand_colour", "brand_dark_colour", "accent_colour"],
                "description": "Mã màu hex, ví dụ #8b0000. Khi lưu, mỗi màu được kiểm tra độ "
                "tương phản với chữ vẽ trên nó (chuẩn WCAG 2, mức AA: ít nhất 4,5:1).",
            },
        ),
        ("Liên hệ", {"fields": ["address", "phone", "email"]}),
        ("Chân trang", {"fields": ["footer_note"]}),
    ]

    def has_add_permission(self, request):
        # One publisher per site: the footer shows exactly one.
        return super().has_add_permission(request) and not Publisher.objects.exists()


# --- One record per name, whatever the tone placement ----------------------------------


def tone_duplicate(queryset, field, value, exclude_pk=None):
    """The first record of ``queryset`` whose ``field`` equals ``value`` once tone
    placement is normalised and case folded ("Ma túy" = "ma tuý"), or None.

    Candidates are narrowed in SQL by the folded spelling when the model keeps one
    (``search_text``, a ``newsroom.search.document`` starting with the name's words),
    then compared in Python.
    """
    wanted = text.tone_normalise(value)
    if not wanted:
        return None
    candidates = queryset
    folded = search.document(value)
    if folded and any(f.name == "search_text" for f in queryset.model._meta.get_fields()):
        candidates = candidates.filter(search_text__startswith=folded)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    for record in candidates.only("pk", field).order_by("pk").iterator():
        if text.tone_normalise(getattr(record, field)) == wanted:
            return record
    return None


def duplicate_message(record, field_label="tên"):
    """The refusal, with a link to the record that already has the name."""
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return format_html(
        'Đã có {} “{}” (chỉ khác chỗ đặt dấu hoặc chữ hoa): <a href="{}">mở {} đã có</a>.',
        opts.verbose_name,
        record,
        url,
        opts.verbose_name,
    )


class ToneUniqueMixin:
    """A model admin refusing a name that an existing record already has, spelt with
    the tone mark elsewhere or in another case (``tone_unique_fields``)."""

    tone_unique_fields = ("name",)

    def tone_unique_queryset(self, request, field):
        return self.model._default_manager.all()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        admin_ = self

        def clean(form):
            cleaned_data = form_class.clean(form)
            for field in admin_.tone_unique_fields:
                value = cleaned_data.get(field)
                if field in form.fields and value and field not in form.errors:
                    existing = tone_duplicate(
                        admin_.tone_unique_queryset(request, field),
                        field,
                        value,
                        exclude_pk=form.instance.pk,
                    )
                    if existing is not None:
                        form.add_error(field, duplicate_message(existing))
            return cleaned_data

        return type(form_class.__name__, (form_class,), {"clean": clean, "__module__": __name__})


# --- Django's own words, in Vietnamese -------------------------------------------------

_PERMISSION_ACTIONS = {"add": "thêm", "change": "sửa", "delete": "xoá", "view": "xem"}


def permission_label(permission):
    """A permission as the newsroom says it: "Bài viết: được thêm" rather than
    "articles | bài viết | Can add bài viết" (Django names its own in English)."""
    model = permission.content_type.model_class()
    subject = capfirst(model._meta.verbose_name) if model else permission.content_type.model
    action, _, model_name = permission.codename.partition("_")
    if action in _PERMISSION_ACTIONS and model and model_name == model._meta.model_name:
        return f"{subject}: được {_PERMISSION_ACTIONS[action]}"
    return f"{subject}: {permission.name}"


class VietnamesePermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


for _model, _base in ((Group, GroupAdmin), (get_user_model(), UserAdmin)):
    if admin.site.is_registered(_model):
        _base = type(admin.site.get_model_admin(_model))
        admin.site.unregister(_model)
    admin.site.register(
        _model, type(_base.__name__, (VietnamesePermissionsMixin, _base), {"__module__": __name__})
    )


def _boolean_icon(field_val):
    """Django's yes/no/unknown icon with its alternative text in Vietnamese."""
    icon = {True: "yes", False: "no", None: "unknown"}[field_val]
    alt = {True: "Có", False: "Không", None: "Không rõ"}[field_val]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), alt)


# Django writes alt="True"/"False" (hard-coded, untranslated) on list and detail pages.
admin_list._boolean_icon = _boolean_icon


def name_link_rows(model):
    """Name the rows of ``model``'s automatic many-to-many tables as people read them
    ("Liên kết bài viết – cán bộ: …") instead of "Article_officials object (12)", on
    the delete confirmation pages that list them."""
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through._meta.verbose_name = (
            f"liên kết {model._meta.verbose_name} – {field.related_model._meta.verbose_name}"
        )
        through.__str__ = lambda row, s=source, t=target: f"{getattr(row, s)} – {getattr(row, t)}"
