from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Q

from newsroom import branding, text

from .models import Publisher


class FoldedSearchMixin:
    """Admin search (and autocomplete) that ignores case, tone marks and diacritics.

    The model keeps a folded copy of its searchable text in ``search_text``
    (see ``newsroom.text.search_document``); every word the user types must
    appear in one of ``folded_search_fields``, so "thanh hoa" finds "Thanh Hoá"
    on SQLite and PostgreSQL alike. Fields across a to-many relation (a unit's
    aliases) need ``folded_search_distinct``.
    """

    search_fields = ["search_text"]
    folded_search_fields = ["search_text"]
    folded_search_distinct = False

    def get_search_results(self, request, queryset, search_term):
        words = text.fold(search_term).split()
        for word in words:
            match = Q()
            for field in self.folded_search_fields:
                match |= Q(**{f"{field}__contains": word})
            queryset = queryset.filter(match)
        return queryset, bool(words) and self.folded_search_distinct


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete select that shows its chosen option from an object already loaded.

    Django's widget looks the chosen option up with a query of its own, one per row
    of an inline; the row's object, fetched with select_related, already holds it.
    Any value it was not given (a posted form that chose another) is looked up as usual.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        field = self.choices.field
        selected = {str(v) for v in value if str(v) not in field.empty_values}
        preloaded = self.preloaded or {}
        if not selected or not selected <= preloaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            label = field.label_from_instance(preloaded[key])
            options.append(self.create_option(name, key, label, selected, len(options)))
        return [(None, options, 0)]


class PreloadedChoicesForm(forms.ModelForm):
    """Hands each preloading autocomplete widget the related object its row already holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        opts = self.instance._meta
        for name, bound_field in self.fields.items():
            widget = getattr(bound_field.widget, "widget", bound_field.widget)
            if not isinstance(widget, PreloadedAutocompleteSelect):
                continue
            model_field = opts.get_field(name)
            if model_field.is_cached(self.instance):
                related = model_field.get_cached_value(self.instance)
                if related is not None:
                    key = model_field.target_field.attname
                    widget.preloaded = {str(getattr(related, key)): related}


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


class PublisherForm(forms.ModelForm):
    class Meta:
        model = Publisher
        fields = ["site_name", "governing_body", "responsible_person", "licence"]
        fields += ["logo", "hotline", "address", "phone", "email"]
        widgets = {
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})
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
        ("Liên hệ", {"fields": ["address", "phone", "email"]}),
    ]

    def has_add_permission(self, request):
        # One publisher per site: the footer shows exactly one.
        return super().has_add_permission(request) and not Publisher.objects.exists()
