"""Read-only endpoints of /api/v1/: public rows only, whatever the parameters.

Every queryset starts from the one public definition: ``Article.objects.published()``
for articles (and for tags and authors, which exist publicly only once a public
article carries them), ``Official.objects.public()`` for officials, conferred awards
to units or to officials who may be named, and event participants who may be named.
Answers are kept by the server and validated by ETag/Last-Modified (``api.caching``).
"""

from django.db.models import Exists, OuterRef, Prefetch, Value
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from articles.models import Article, Author, Authorship, Section, Tag
from clusters.models import (
    Award,
    Cluster,
    ClusterYear,
    Event,
    Membership,
    Movement,
    Official,
    Participant,
    Position,
    RankAssignment,
    Succession,
    Unit,
    shown_in_public,
)
from discovery import search

from . import caching, filters, serializers
from .pagination import Cursor


def one(summary, description="Theo số (id) trong danh sách; không có, hay không công khai: 404."):
    """The schema of a detail endpoint: its summary and the id, in Vietnamese."""
    return extend_schema(
        summary=summary,
        description=description,
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="Số (id) của mục.")
        ],
    )


@extend_schema(exclude=True)
@api_view(["GET", "HEAD"])
def not_found(request, *args, **kwargs):
    raise NotFound


# List and detail of public rows; answers kept by the server, validators on each. (A
# comment, not a docstring: drf-spectacular would print a docstring in the schema.)
class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = Cursor
    lookup_value_regex = "[^/]+"
    http_method_names = ["get", "head"]
    ordering = ("id",)

    def cursor_ordering(self, request):
        return self.ordering

    def list(self, request, *args, **kwargs):
        return self._answer(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._answer(super().retrieve, request, *args, **kwargs)

    def _answer(self, make, request, *args, **kwargs):
        entry = caching.lookup(request)
        if entry is None:
            entry = caching.Entry.make(make(request, *args, **kwargs).data)
            caching.keep(request, entry)
        self.entry = entry
        return Response(entry["data"])

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        entry = getattr(self, "entry", None)
        if entry is None or response.status_code != 200:
            return response
        response.render()
        return caching.finish(request, response, entry)


def _public_officials():
    return Official.objects.public().select_related("portrait")


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách bài viết đã đăng",
        description="Bài đang công khai, mới trước; lọc theo chuyên mục, thẻ, tác giả, hồ sơ, "
        "ngày đăng và từ khoá.",
        parameters=[filters.ArticleFilters],
    ),
    retrieve=one(
        "Một bài viết",
        "Sapo, nội dung HTML đã làm sạch (ảnh mở thành <figure>), ảnh đại diện và "
        "các bản thu nhỏ, tác giả theo thứ tự, thẻ, hồ sơ liên quan, đính chính, địa chỉ "
        "chính thức. Bài chưa đăng, đã lên lịch, hết hạn hay đã gỡ: 404.",
    ),
)
class ArticleViewSet(PublicReadViewSet):
    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ArticleDetailSerializer
        return serializers.ArticleListSerializer

    @cached_property
    def filters(self):
        checked = filters.ArticleFilters(data=self.request.query_params)
        checked.is_valid(raise_exception=True)
        return checked.validated_data

    def cursor_ordering(self, request):
        return filters.ORDERINGS[self.filters["ordering"]]

    def get_queryset(self):
        if self.action == "retrieve":
            return Article.objects.published().with_details()
        found = self._matching()
        return (
            found.select_related("section", "cover")
            .prefetch_related(
                Prefetch("authorships", queryset=Authorship.objects.select_related("author")),
                "tags",
            )
            .defer(*search.DOCUMENTS, "body")
        )

    def _matching(self):
        chosen = self.filters
        query = chosen["query"]
        if query and chosen["ordering"] == "relevance":
            ranked = filters.ranked(chosen)
            if ranked is None:  # no such section: nothing, ordered like a ranking
                return Article.objects.annotate(score=Value(0)).none()
            return filters.narrow(ranked, chosen)
        found = filters.narrow(Article.objects.published(), chosen)
        if query:
            found = found.filter(pk__in=search.matching(query).values("pk"))
        return found


@extend_schema_view(
    list=extend_schema(summary="Chuyên mục", description="Theo thứ tự trên trình đơn."),
    retrieve=one("Một chuyên mục"),
)
class SectionViewSet(PublicReadViewSet):
    serializer_class = serializers.SectionSerializer
    queryset = Section.objects.all()
    ordering = ("position", "sort_name", "id")


@extend_schema_view(
    list=extend_schema(
        summary="Thẻ",
        description="Chỉ thẻ có ít nhất một bài đang công khai; theo thứ tự chữ cái tiếng Việt.",
    ),
    retrieve=one("Một thẻ"),
)
class TagViewSet(PublicReadViewSet):
    serializer_class = serializers.TagSerializer
    ordering = ("sort_name", "id")

    def get_queryset(self):
        public = Article.objects.published().filter(tags=OuterRef("pk"))
        return Tag.objects.filter(Exists(public))


@extend_schema_view(
    list=extend_schema(
        summary="Tác giả",
        description="Chỉ người ký ít nhất một bài đang công khai; theo thứ tự chữ cái tiếng Việt.",
    ),
    retrieve=one("Một tác giả"),
)
class AuthorViewSet(PublicReadViewSet):
    serializer_class = serializers.AuthorSerializer
    ordering = ("sort_name", "id")

    def get_queryset(self):
        public = Article.objects.published().filter(authorships__author=OuterRef("pk"))
        return Author.objects.filter(Exists(public))


@extend_schema_view(
    list=extend_schema(
        summary="Cụm thi đua",
        description="Mỗi cụm với hồ sơ từng năm: cụm trưởng, cụm phó và các đơn vị thành viên.",
    ),
    retrieve=one("Một cụm thi đua"),
)
class ClusterViewSet(PublicReadViewSet):
    serializer_class = serializers.ClusterSerializer

    def get_queryset(self):
        years = ClusterYear.objects.order_by("-year").prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("unit"))
        )
        return Cluster.objects.select_related("block").prefetch_related(
            Prefetch("years", queryset=years)
        )


@extend_schema_view(
    list=extend_schema(
        summary="Đơn vị",
        description="Mỗi đơn vị pháp lý với thời gian hiệu lực, tên gọi khác, đơn vị tiền thân "
        "và kế tục; theo thứ tự chữ cái tiếng Việt.",
    ),
    retrieve=one("Một đơn vị"),
)
class UnitViewSet(PublicReadViewSet):
    serializer_class = serializers.UnitSerializer
    ordering = ("sort_name", "id")

    def get_queryset(self):
        return Unit.objects.select_related("parent").prefetch_related(
            "aliases",
            Prefetch(
                "predecessor_links", queryset=Succession.objects.select_related("predecessor")
            ),
            Prefetch("successor_links", queryset=Succession.objects.select_related("successor")),
        )


@extend_schema_view(
    list=extend_schema(
        summary="Cán bộ",
        description="Cán bộ không công bố danh tính không bao giờ xuất hiện; cán bộ chỉ nêu chữ "
        "cái đầu chỉ có chữ cái đầu, không ảnh. Theo số thứ tự (id).",
    ),
    retrieve=one("Một cán bộ"),
)
class OfficialViewSet(PublicReadViewSet):
    serializer_class = serializers.OfficialSerializer
    # By id, never by name: the order of names would hint at who the initials stand for.
    ordering = ("id",)

    def get_queryset(self):
        return _public_officials().prefetch_related(
            Prefetch("rank_assignments", queryset=RankAssignment.objects.select_related("rank")),
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("title", "unit").order_by("-start", "pk"),
            ),
        )


@extend_schema_view(
    list=extend_schema(
        summary="Sự kiện",
        description="Hội nghị, ký kết giao ước… của các cụm, mới trước; thành phần tham dự "
        "theo chế độ công bố danh tính.",
    ),
    retrieve=one("Một sự kiện"),
)
class EventViewSet(PublicReadViewSet):
    serializer_class = serializers.EventSerializer
    ordering = ("-date", "-id")

    def get_queryset(self):
        participants = Participant.objects.filter(shown_in_public()).select_related(
            "unit", "official"
        )
        return Event.objects.select_related("cluster", "host_unit").prefetch_related(
            Prefetch("participants", queryset=participants, to_attr="public_participants")
        )


@extend_schema_view(
    list=extend_schema(summary="Phong trào thi đua", description="Với khẩu hiệu từng năm."),
    retrieve=one("Một phong trào thi đua"),
)
class MovementViewSet(PublicReadViewSet):
    serializer_class = serializers.MovementSerializer
    ordering = ("sort_name", "id")
    queryset = Movement.objects.prefetch_related("years")


@extend_schema_view(
    list=extend_schema(
        summary="Khen thưởng đã trao",
        description="Chỉ khen thưởng đã trao (có quyết định), cho đơn vị hoặc cán bộ được nêu "
        "tên; năm mới trước.",
    ),
    retrieve=one("Một khen thưởng"),
)
class AwardViewSet(PublicReadViewSet):
    serializer_class = serializers.AwardSerializer
    ordering = ("-year", "id")

    def get_queryset(self):
        return (
            Award.objects.filter(status=Award.Status.CONFERRED)
            .filter(shown_in_public())
            .select_related("unit", "official")
        )
