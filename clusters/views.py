from datetime import timedelta

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from newsroom import pagecache, text

from .models import (
    Award,
    Cluster,
    ClusterYear,
    Event,
    Membership,
    MovementYear,
    Official,
    Participant,
    Position,
    RankAssignment,
    Succession,
    Unit,
    shown_in_public,
    sorted_memberships,
)
from .models.common import format_period


def _official_history():
    """Prefetches that let Official.rank_on / position_on answer without more queries."""
    return [
        Prefetch("rank_assignments", queryset=RankAssignment.objects.select_related("rank")),
        Prefetch("positions", queryset=Position.objects.select_related("title", "unit")),
    ]


class ClusterListView(ListView):
    template_name = "clusters/cluster_list.html"
    context_object_name = "clusters"

    def get_queryset(self):
        return Cluster.objects.with_latest_seats(timezone.localdate().year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["this_year"] = timezone.localdate().year
        return context


class ClusterDetailView(DetailView):
    template_name = "clusters/cluster_detail.html"
    context_object_name = "cluster"

    def get_queryset(self):
        return Cluster.objects.select_related("block")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cluster = self.object
        # The cluster's years and a year's records (members, movements, events and who
        # took part) are kept as page-cache fragments, purged with every record change
        # ("records"): the page keeps to its query budget when the page itself is not
        # cached, however full the year.
        tags = [pagecache.RECORDS, pagecache.name(cluster)]
        years = pagecache.fragment(
            f"cluster-years:{cluster.pk}",
            lambda: (list(cluster.years.order_by("-year").values_list("year", flat=True)), tags),
        )
        year = self._chosen_year(years)
        records = {"cluster_year": None, "memberships": [], "movement_years": [], "events": []}
        if year is not None:
            records = pagecache.fragment(
                f"cluster-year:{cluster.pk}:{year}",
                lambda: (self.year_records(cluster, year), tags),
            )
        context.update(years=years, year=year, **records)
        return context

    @staticmethod
    def year_records(cluster, year):
        cluster_year = (
            ClusterYear.objects.filter(cluster=cluster, year=year)
            .prefetch_related(
                Prefetch("memberships", queryset=Membership.objects.select_related("unit"))
            )
            .get()
        )
        events = (
            Event.objects.filter(cluster=cluster, year=year)
            .select_related("host_unit")
            .prefetch_related(
                Prefetch(
                    "participants",
                    queryset=Participant.objects.filter(shown_in_public()).select_related(
                        "unit", "official"
                    ),
                ),
                Prefetch(
                    "participants__official__rank_assignments",
                    queryset=RankAssignment.objects.select_related("rank"),
                ),
                Prefetch(
                    "participants__official__positions",
                    queryset=Position.objects.select_related("title", "unit"),
                ),
            )
            .order_by("date", "pk")
        )
        return {
            "cluster_year": cluster_year,
            "memberships": sorted_memberships(cluster_year.memberships.all()),
            "movement_years": list(
                MovementYear.objects.filter(year=year).select_related("movement")
            ),
            "events": list(events),
        }

    def _chosen_year(self, years):
        asked = self.request.GET.get("nam")
        if asked is not None:
            if not asked.isdigit() or int(asked) not in years:
                raise Http404("Cụm chưa có hồ sơ năm này.")
            return int(asked)
        this_year = timezone.localdate().year
        return next((y for y in years if y <= this_year), years[-1] if years else None)


class UnitDetailView(DetailView):
    template_name = "clusters/unit_detail.html"
    context_object_name = "unit"

    def get_queryset(self):
        return Unit.objects.select_related("parent").prefetch_related(
            "aliases",
            Prefetch(
                "predecessor_links", queryset=Succession.objects.select_related("predecessor")
            ),
            Prefetch("successor_links", queryset=Succession.objects.select_related("successor")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.object
        today = timezone.localdate()
        # The unit's history (people, clusters, units under it, awards) is kept as a
        # page-cache fragment, purged with every record change ("records"): the page keeps
        # to its query budget when the page itself is not cached.
        context.update(
            pagecache.fragment(
                f"unit-history:{unit.pk}:{today.isoformat()}",
                lambda: (self.history(unit, today), [pagecache.RECORDS, pagecache.name(unit)]),
            )
        )
        return context

    @staticmethod
    def history(unit, today):
        positions = list(
            Position.objects.filter(shown_in_public(), unit=unit)
            .select_related("official", "title")
            .prefetch_related(
                Prefetch(
                    "official__rank_assignments",
                    queryset=RankAssignment.objects.select_related("rank"),
                )
            )
        )

        def by_title_then_name(position):
            return (position.title.order, position.official.name_sort_key)

        # A unit that no longer exists has no one serving in it: everyone it had is
        # history, their period ending with the unit when the record left it open.
        ended = unit.valid_to is not None and unit.valid_to <= today
        if ended:
            for position in positions:
                last_day = min(position.end or unit.valid_to, unit.valid_to)
                position.shown_period = format_period(position.start, last_day)
                position.rank_then = position.official.rank_on(last_day - timedelta(days=1))
            positions.sort(key=lambda p: (-p.start.toordinal(), *by_title_then_name(p)))

        return {
            "today": today,
            "ended": ended,
            "unit_positions": positions if ended else [],
            "memberships": list(
                Membership.objects.filter(unit=unit)
                .select_related("cluster_year__cluster__block")
                .order_by("-cluster_year__year", "cluster_year__cluster__number")
            ),
            "current_positions": []
            if ended
            else sorted((p for p in positions if p.is_held_on(today)), key=by_title_then_name),
            "former_positions": []
            if ended
            else sorted(
                (p for p in positions if not p.is_held_on(today)),
                key=lambda p: (-p.start.toordinal(), *by_title_then_name(p)),
            ),
            "children": sorted(unit.children.all(), key=lambda u: text.sort_key(u.name)),
            "awards": list(unit.awards.filter(status=Award.Status.CONFERRED)),
        }


class OfficialDetailView(DetailView):
    template_name = "clusters/official_detail.html"
    context_object_name = "official"

    def get_object(self, queryset=None):
        # Withheld people have no public page: the same 404 as a missing one.
        return get_object_or_404(
            Official.objects.public()
            .select_related("portrait")
            .prefetch_related(*_official_history()),
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        official = self.object
        today = timezone.localdate()
        context.update(
            today=today,
            rank=official.rank_on(today),
            current_positions=official.positions_on(today),
            # Ranks and positions both newest first, as one history reads.
            ranks=sorted(official.rank_assignments.all(), key=lambda a: a.since, reverse=True),
            positions=sorted(
                official.positions.all(), key=lambda p: (p.start, p.end or today), reverse=True
            ),
            participations=list(
                official.participations.select_related("event__cluster").order_by("-event__date")
            ),
            awards=list(official.awards.filter(status=Award.Status.CONFERRED)),
        )
        return context
