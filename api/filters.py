"""The article list's parameters: checked once, refused in Vietnamese, applied to public rows.

Filters take slugs, the names in the public addresses (``/chuyen-muc/<slug>/``…), and
every filter narrows ``Article.objects.published()``: a slug that exists only on
unpublished articles, or a withheld official's, simply matches nothing.
"""

import datetime

from django.db.models import Q
from rest_framework import serializers

from articles.models import Section
from clusters.models import Official
from discovery import search
from newsroom import search as core

SLUG = "Chỉ gồm chữ thường không dấu, số và gạch ngang, như trong đường dẫn công khai."
DATE = "Ngày theo dạng YYYY-MM-DD, ví dụ 2020-07-17."

ORDERINGS = {
    "-published_at": ("-published_at", "-id"),
    "published_at": ("published_at", "id"),
    "relevance": ("-score", "-published_at", "-id"),
}


def slug_field(help_text):
    return serializers.SlugField(
        required=False,
        max_length=200,
        help_text=help_text,
        error_messages={
            "invalid": f"Đường dẫn không hợp lệ. {SLUG}",
            "max_length": "Đường dẫn dài quá 200 ký tự.",
            "blank": "Bỏ tham số này nếu không lọc.",
        },
    )


def date_field(help_text):
    return serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=help_text,
        error_messages={"invalid": f"Ngày không hợp lệ. {DATE}"},
    )


class ArticleFilters(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=core.MAX_QUERY_LENGTH,
        help_text="Tìm như trang tìm kiếm: không phân biệt hoa thường, dấu; "
        "“thanh hoa” tìm được “Thanh Hoá”.",
        error_messages={"max_length": f"Từ khoá dài quá {core.MAX_QUERY_LENGTH} ký tự."},
    )
    section = slug_field("Chuyên mục (gồm cả chuyên mục con).")
    tag = slug_field("Thẻ.")
    author = slug_field("Tác giả ký bài.")
    unit = slug_field("Đơn vị liên quan.")
    cluster = slug_field("Cụm thi đua liên quan.")
    official = slug_field("Cán bộ liên quan.")
    since = date_field("Đăng từ ngày này (tính cả ngày này, giờ Việt Nam).")
    until = date_field("Đăng đến hết ngày này (giờ Việt Nam).")
    ordering = serializers.ChoiceField(
        required=False,
        choices=list(ORDERINGS),
        help_text="-published_at (mới trước, mặc định), published_at (cũ trước), relevance "
        "(phù hợp nhất trước; mặc định khi có q, xếp tối đa 80 bài khớp như trang tìm kiếm: "
        "60 bài mới nhất và 20 bài cũ hơn chứa nguyên cụm từ).",
        error_messages={
            "invalid_choice": "Thứ tự không hợp lệ: dùng -published_at, published_at hoặc "
            "relevance."
        },
    )

    def validate(self, data):
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise serializers.ValidationError({"until": ["until phải từ ngày since trở đi."]})
        query = core.parse(data.get("q", ""))
        if data.get("ordering") == "relevance" and not query:
            raise serializers.ValidationError({"ordering": ["relevance cần từ khoá q."]})
        data["query"] = query
        data.setdefault("ordering", "relevance" if query else "-published_at")
        return data


def local_day_start(day):
    return search.local_day_start(day)


def narrow(queryset, filters):
    """Apply the record filters and the date range to a queryset of articles."""
    if slug := filters.get("section"):
        queryset = queryset.filter(Q(section__slug=slug) | Q(section__parent__slug=slug))
    if slug := filters.get("tag"):
        queryset = queryset.filter(tags__slug=slug)
    if slug := filters.get("author"):
        queryset = queryset.filter(authorships__author__slug=slug)
    if slug := filters.get("unit"):
        queryset = queryset.filter(units__slug=slug)
    if slug := filters.get("cluster"):
        queryset = queryset.filter(clusters__slug=slug)
    if slug := filters.get("official"):
        # Never through a withheld official: the same empty answer as an unknown slug.
        queryset = queryset.filter(officials__in=Official.objects.public().filter(slug=slug))
    if since := filters.get("since"):
        queryset = queryset.filter(published_at__gte=local_day_start(since))
    if until := filters.get("until"):
        after = local_day_start(until + datetime.timedelta(days=1))
        queryset = queryset.filter(published_at__lt=after)
    return queryset


def ranked(filters):
    """Ids-ranked public matches of ``q`` (discovery.search), section and dates applied there."""
    section = None
    if slug := filters.get("section"):
        section = Section.objects.filter(slug=slug).first()
        if section is None:
            return None
    return search.articles(
        filters["query"], section=section, since=filters.get("since"), until=filters.get("until")
    )
