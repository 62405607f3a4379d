from datetime import timedelta

from django import forms
from django.contrib import admin
from django.db.models import Count, Prefetch, Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from reversion.admin import VersionAdmin

from newsroom import text
from newsroom.admin import (
    FoldedSearchMixin,
    PickerLabelsMixin,
    PreloadedInlineMixin,
    ToneUniqueMixin,
    duplicate_message,
    register_picker_label,
)
from photos.forms import PhotoUploadField

from . import editing, portraits
from .models import (
    Award,
    Cluster,
    ClusterYear,
    EmulationBlock,
    Event,
    Membership,
    Movement,
    MovementYear,
    Official,
    Participant,
    Position,
    PositionTitle,
    Rank,
    RankAssignment,
    Succession,
    Unit,
    UnitAlias,
    unit_absent_message,
)

SEATS = {Membership.Role.LEADER: "cụm trưởng", Membership.Role.DEPUTY: "cụm phó"}


def unit_picker_label(unit):
    """A unit with its years ("Công an tỉnh Quảng Trị (1989–2025)", "… (từ 2025)"): one
    name may be several legal units over time. ``valid_to`` is exclusive."""
    if unit.valid_from is None:
        return unit.name
    if unit.valid_to is None:
        return f"{unit.name} (từ {unit.valid_from.year})"
    last = (unit.valid_to - timedelta(days=1)).year
    return f"{unit.name} ({unit.valid_from.year}–{last})"


def cluster_picker_label(cluster):
    """A cluster with its block: numbers repeat from one block to another."""
    return f"{cluster.name} – {cluster.block.name}"


register_picker_label(Unit, unit_picker_label)
register_picker_label(Cluster, cluster_picker_label, select_related=["block"])
# An event is named with its cluster ("Hội nghị sơ kết – Cụm thi đua số 5"): read together.
register_picker_label(Event, str, select_related=["cluster"])


class WritePathAdmin(PickerLabelsMixin, VersionAdmin):
    """Saves and deletions go through the records' write path (``clusters.editing``);
    every saved version is kept (django-reversion): history shows and restores them.
    Chosen units and clusters are named as the pickers name them (years, block)."""

    save_on_top = True
    history_latest_first = True

    def is_listing(self, request):
        """Is the request for the change list? Its columns read what the forms do not."""
        match = request.resolver_match
        opts = self.opts
        return (
            match is not None and match.url_name == f"{opts.app_label}_{opts.model_name}_changelist"
        )

    def save_model(self, request, obj, form, change):
        """Nothing yet: the record is written once, with its inline rows, in save_related."""

    def save_related(self, request, form, formsets, change):
        def inline_rows(record):
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            changed = [formset for formset in formsets if formset.has_changed()]
            return [formset.fk.remote_field.get_accessor_name() for formset in changed]

        editing.save_record(form.instance, request.user, save_related=inline_rows, validate=False)

    def delete_model(self, request, obj):
        editing.delete_record(obj, request.user)

    def delete_queryset(self, request, queryset):
        for record in queryset:
            editing.delete_record(record, request.user)


class RecordAdmin(FoldedSearchMixin, WritePathAdmin):
    """A record found by its folded search text."""


# --- Units -----------------------------------------------------------------------


class ValidTodayFilter(admin.SimpleListFilter):
    title = "hiệu lực hôm nay"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [("con", "Còn hiệu lực"), ("het", "Đã hết hiệu lực hoặc chưa có")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        valid = Unit.objects.valid_on(today).values("pk")
        if self.value() == "con":
            return queryset.filter(pk__in=valid)
        if self.value() == "het":
            return queryset.exclude(pk__in=valid)
        return queryset


def _overlapping_units(unit):
    """Other units that existed at some time this one did: one name may not mean two of
    them at once (successive units may share a name)."""
    others = Unit.objects.exclude(pk=unit.pk) if unit.pk else Unit.objects.all()
    if unit.valid_to is not None:
        others = others.filter(valid_from__lt=unit.valid_to)
    if unit.valid_from is not None:
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=unit.valid_from))
    return others


def _unit_named(unit, name):
    """Another unit of the same time already called ``name`` (by name or alias)."""
    key = text.tone_normalise(name)
    others = _overlapping_units(unit)
    alias = UnitAlias.objects.filter(unit__in=others, name_key=key).select_related("unit").first()
    if alias is not None:
        return alias.unit
    return next(
        (
            u
            for u in others.filter(search_text__startswith=text.fold(name))
            if text.tone_normalise(u.name) == key
        ),
        None,
    )


class UnitAliasFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            name = form.cleaned_data.get("name") if form.cleaned_data else None
            if not name or form.cleaned_data.get("DELETE"):
                continue
            other = _unit_named(self.instance, name)
            if other is not None:
                form.add_error("name", duplicate_message(other, "tên"))


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    formset = UnitAliasFormSet
    extra = 1


class SuccessionInline(PickerLabelsMixin, PreloadedInlineMixin, admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    row_select_related = ["predecessor", "successor"]
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = "đơn vị kế tục"
    verbose_name_plural = (
        "kế tục (đơn vị này được đổi tên, nâng cấp, hợp nhất, chia tách, giải thể)"
    )


class UnitForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        if name and "name" not in self.errors:
            probe = Unit(
                pk=self.instance.pk,
                valid_from=cleaned_data.get("valid_from"),
                valid_to=cleaned_data.get("valid_to"),
            )
            other = _unit_named(probe, name)
            if (
                other is not None
                and UnitAlias.objects.filter(
                    unit=other, name_key=text.tone_normalise(name)
                ).exists()
            ):
                self.add_error("name", duplicate_message(other))
        return cleaned_data


@admin.register(Unit)
class UnitAdmin(RecordAdmin):
    form = UnitForm
    list_display = ["name", "short_name", "kind", "locality", "valid_from", "valid_to"]
    list_filter = ["kind", ValidTodayFilter]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "kind", "parent", "locality", "slug"]}),
        ("Thời gian tồn tại", {"fields": ["valid_from", "valid_to"]}),
    ]
    inlines = [UnitAliasInline, SuccessionInline]
    # Aliases count too: "CA Thanh Hoá" finds Công an tỉnh Thanh Hóa.
    folded_search_fields = ["search_text", "aliases__search_text"]
    folded_search_distinct = True


# --- Blocks, clusters, years, memberships ----------------------------------------------


@admin.register(EmulationBlock)
class EmulationBlockAdmin(ToneUniqueMixin, RecordAdmin):
    list_display = ["name", "short_name", "position"]
    list_editable = ["position"]


class ClusterYearInline(PreloadedInlineMixin, admin.TabularInline):
    model = ClusterYear
    row_select_related = ["cluster"]
    fields = ["year", "slogan"]
    extra = 0
    show_change_link = True


@admin.register(Cluster)
class ClusterAdmin(RecordAdmin):
    list_display = ["name", "block", "number"]
    list_filter = ["block"]
    list_select_related = ["block"]
    readonly_fields = ["slug"]
    fields = ["block", "number", "name", "slug", "description"]
    inlines = [ClusterYearInline]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["unit", "role"]

    def validate_constraints(self):
        # One-leader / one-deputy / unit-once are checked across the whole
        # formset (MembershipFormSet.clean), which sees the rows being changed
        # together; checking each row against the database alone would refuse
        # a swap of leader and member.
        try:
            self.instance.validate_constraints(
                exclude=self._get_validation_exclusions() | {"cluster_year"}
            )
        except forms.ValidationError as error:
            self._update_errors(error)


class MembershipFormSet(BaseInlineFormSet):
    def clean(self):
        # Replaces the generic duplicate check with messages that name the unit.
        year = self.instance.year
        seats = {}
        units = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            unit = form.cleaned_data.get("unit")
            role = form.cleaned_data.get("role")
            if unit is None:
                continue
            if unit.pk in units:
                form.add_error(
                    "unit",
                    f"{unit} đã có ở dòng trên; mỗi đơn vị chỉ có mặt một lần trong cụm mỗi năm.",
                )
            units[unit.pk] = form
            if year and "unit" not in form.errors and not unit.existed_in_year(year):
                form.add_error("unit", unit_absent_message(unit, year))
            if role in SEATS:
                if role in seats:
                    form.add_error(
                        "role",
                        f"Năm {year} cụm đã có {SEATS[role]} là {seats[role]}; "
                        f"mỗi năm chỉ có một {SEATS[role]}.",
                    )
                else:
                    seats[role] = unit

    def save_existing_objects(self, commit=True):
        if commit:
            # Free a leader or deputy seat before another row takes it, so a
            # swap never meets the database's one-leader constraint half-way.
            vacated = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk
                and form.initial.get("role") in SEATS
                and (
                    self._should_delete_form(form)
                    or form.cleaned_data.get("role") != form.initial.get("role")
                )
            ]
            Membership.objects.filter(pk__in=vacated).update(role=Membership.Role.MEMBER)
        return super().save_existing_objects(commit)


class MembershipInline(PickerLabelsMixin, PreloadedInlineMixin, admin.TabularInline):
    model = Membership
    row_select_related = ["unit", "cluster_year__cluster"]
    form = MembershipForm
    formset = MembershipFormSet
    autocomplete_fields = ["unit"]
    extra = 3


@admin.register(ClusterYear)
class ClusterYearAdmin(RecordAdmin):
    list_display = ["cluster", "year", "leader", "deputy", "member_count"]
    list_filter = ["cluster__block", "year", "cluster"]
    list_select_related = ["cluster"]
    folded_search_fields = ["cluster__search_text"]
    autocomplete_fields = ["cluster"]
    fields = ["cluster", "year", "slogan", "note"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not self.is_listing(request):
            return queryset.select_related("cluster")  # the form's title names it
        return queryset.annotate(member_total=Count("memberships")).prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.leading().select_related("unit"),
                to_attr="seat_holders",
            )
        )

    def _seat(self, obj, role):
        return next((m.unit for m in obj.seat_holders if m.role == role), "—")

    @admin.display(description="cụm trưởng")
    def leader(self, obj):
        return self._seat(obj, Membership.Role.LEADER)

    @admin.display(description="cụm phó")
    def deputy(self, obj):
        return self._seat(obj, Membership.Role.DEPUTY)

    @admin.display(description="số đơn vị", ordering="member_total")
    def member_count(self, obj):
        return obj.member_total


# --- Movements -------------------------------------------------------------------


class MovementYearInline(PreloadedInlineMixin, admin.TabularInline):
    model = MovementYear
    row_select_related = ["movement"]
    extra = 1


@admin.register(Movement)
class MovementAdmin(WritePathAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [MovementYearInline]


# --- Officials -------------------------------------------------------------------


class RankAssignmentInline(PreloadedInlineMixin, admin.TabularInline):
    model = RankAssignment
    row_select_related = ["rank"]
    autocomplete_fields = ["rank"]
    extra = 1


class PositionInline(PickerLabelsMixin, PreloadedInlineMixin, admin.TabularInline):
    model = Position
    row_select_related = ["title", "unit"]
    autocomplete_fields = ["title", "unit"]
    fields = ["title", "is_acting", "unit", "start", "end"]
    extra = 1


class OfficialForm(forms.ModelForm):
    # A new portrait goes into the photo library through its one way in (photos.ingest):
    # judged by photos.imaging, whose messages say what is wrong.
    portrait_upload = PhotoUploadField(
        label="tải ảnh chân dung mới",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text="JPEG, PNG hoặc WebP; ảnh vào thư viện ảnh, được xoay đúng chiều, xoá thông "
        "tin máy ảnh và vị trí, lưu dưới tên mới.",
    )

    class Meta:
        model = Official
        fields = [
            "full_name",
            "family_name",
            "middle_name",
            "given_name",
            "portrait",
            "disclosure",
            "note",
        ]


@admin.register(Official)
class OfficialAdmin(RecordAdmin):
    form = OfficialForm
    list_display = ["full_name", "disclosure", "current_rank", "current_position"]
    list_filter = ["disclosure"]
    readonly_fields = ["slug", "public_name"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "full_name",
                    ("family_name", "middle_name", "given_name"),
                    "portrait",
                    "portrait_upload",
                ]
            },
        ),
        ("Công bố", {"fields": ["disclosure", "public_name", "slug", "note"]}),
    ]
    inlines = [RankAssignmentInline, PositionInline]
    autocomplete_fields = ["portrait"]

    class Media:
        js = ["clusters/official-names.js"]

    def save_related(self, request, form, formsets, change):
        upload = form.cleaned_data.get("portrait_upload")
        if upload:
            form.instance.portrait = portraits.ingest_portrait(form.instance, upload, request.user)
        super().save_related(request, form, formsets, change)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not self.is_listing(request):
            return queryset  # the form's inlines fetch their own rows
        return queryset.prefetch_related(
            Prefetch("rank_assignments", queryset=RankAssignment.objects.select_related("rank")),
            Prefetch("positions", queryset=Position.objects.select_related("title", "unit")),
        )

    @admin.display(description="cấp bậc hiện nay")
    def current_rank(self, obj):
        return obj.rank_on(timezone.localdate()) or "—"

    @admin.display(description="chức vụ hiện nay")
    def current_position(self, obj):
        return obj.position_on(timezone.localdate()) or "—"

    @admin.display(description="tên hiện công khai")
    def public_name(self, obj):
        return obj.public_name if obj.pk else "—"


@admin.register(Rank)
class RankAdmin(ToneUniqueMixin, RecordAdmin):
    list_display = ["order", "name", "tier"]
    list_filter = ["tier"]


@admin.register(PositionTitle)
class PositionTitleAdmin(ToneUniqueMixin, RecordAdmin):
    list_display = ["name", "abbreviation", "order"]


# --- Events and awards -------------------------------------------------------------


class ParticipantInline(PickerLabelsMixin, PreloadedInlineMixin, admin.TabularInline):
    model = Participant
    row_select_related = ["official", "unit"]
    autocomplete_fields = ["official", "unit"]
    fields = ["position", "official", "unit", "role", "text_as_written"]
    extra = 2


@admin.register(Event)
class EventAdmin(RecordAdmin):
    list_display = ["title", "kind", "cluster", "year", "date", "host_unit"]
    list_filter = ["kind", "year", "cluster__block", "cluster"]
    list_select_related = ["cluster", "host_unit"]
    date_hierarchy = "date"
    autocomplete_fields = ["cluster", "host_unit"]
    readonly_fields = ["slug"]
    fields = ["kind", "title", "slug", "cluster", "year", "date", "host_unit", "venue", "summary"]
    inlines = [ParticipantInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cluster")  # the form's title


@admin.register(Award)
class AwardAdmin(RecordAdmin):
    list_display = ["__str__", "recipient", "status", "decision_number", "decision_date"]
    list_filter = ["kind", "status", "year"]
    list_select_related = ["unit", "official"]
    folded_search_fields = ["unit__search_text", "official__search_text"]
    autocomplete_fields = ["unit", "official"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "year"]}),
        ("Khen cho (chọn một)", {"fields": ["unit", "official"]}),
        ("Quyết định", {"fields": ["status", "decision_number", "decision_date"]}),
    ]

    @admin.display(description="khen cho")
    def recipient(self, obj):
        return obj.unit or obj.official
