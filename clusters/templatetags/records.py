"""``{% records_block %}``: the front page's way into the records.

Each cluster with its leader unit (cụm trưởng) of this year, or of the latest year on
record, and its latest event so far, all in one query: the leader and the event come
as subquery columns, so the block costs the home page one query however many
clusters there are, and none while its page-cache fragment lasts.
"""

from dataclasses import dataclass
from datetime import date

from django import template
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from clusters.models import Cluster, Event, Membership
from newsroom import pagecache

register = template.Library()

LIMIT = 6


@dataclass
class Link:
    name: str
    url: str
    year: int | None = None
    day: date | None = None


def clusters_with_leader_and_event(today, limit=LIMIT):
    leaders = Membership.objects.filter(
        cluster_year__cluster=OuterRef("pk"),
        cluster_year__year__lte=today.year,
        role=Membership.Role.LEADER,
    ).order_by("-cluster_year__year")
    events = Event.objects.filter(cluster=OuterRef("pk"), date__lte=today).order_by("-date", "-pk")

    def first(queryset, field):
        return Subquery(queryset.values(field)[:1])

    clusters = (
        Cluster.objects.select_related("block")
        .annotate(
            leader_year=first(leaders, "cluster_year__year"),
            leader_name=first(leaders, "unit__name"),
            leader_slug=first(leaders, "unit__slug"),
            event_title=first(events, "title"),
            event_slug=first(events, "slug"),
            event_year=first(events, "year"),
            event_date=first(events, "date"),
        )
        .order_by("block__position", "number", "pk")[:limit]
    )
    rows = []
    for cluster in clusters:
        leader = event = None
        if cluster.leader_slug:
            url = reverse("clusters:unit", kwargs={"slug": cluster.leader_slug})
            leader = Link(cluster.leader_name, url, year=cluster.leader_year)
        if cluster.event_slug:
            # As Event.get_absolute_url: the event lives on its cluster's page for its year.
            url = f"{cluster.get_year_url(cluster.event_year)}#su-kien-{cluster.event_slug}"
            event = Link(cluster.event_title, url, year=cluster.event_year, day=cluster.event_date)
        rows.append((cluster, leader, event))
    return rows


@register.inclusion_tag("clusters/includes/records_block.html")
def records_block(limit=LIMIT):
    """Kept as a page-cache fragment tagged "records": the page showing it (home) is
    purged by any record write, and costs no query while the fragment lasts."""
    today = timezone.localdate()
    rows = pagecache.fragment(
        f"records-block:{today.isoformat()}:{limit}",
        lambda: (clusters_with_leader_and_event(today, limit), [pagecache.RECORDS]),
    )
    return {"rows": rows, "this_year": today.year}
