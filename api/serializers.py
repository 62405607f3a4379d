"""What the API shows of each thing: the public side only.

Officials appear by ``public_name`` only (initials for "chỉ nêu chữ cái đầu", never a
portrait then); withheld officials are filtered out before they reach a serializer
(``api.views``), and nothing internal is ever a field: notes, the text of a
participant "as written", who approved or wrote what in the newsroom.
"""

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, Author, Authorship, Correction, Section, Tag
from articles.templatetags.articles import article_body
from clusters.models import (
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
    RankAssignment,
    Succession,
    Unit,
    sorted_memberships,
)
from discovery import seo

# Root-relative addresses in rendered HTML (links, pictures, srcset entries).
_ROOT_RELATIVE_RE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')
_SRCSET_RE = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_html(html):
    """Rendered HTML with every root-relative address made absolute on SITE_URL."""
    html = _ROOT_RELATIVE_RE.sub(lambda m: f'{m[1]}{seo.absolute(m[2])}"', html)

    def srcset(match):
        entries = []
        for entry in match[2].split(","):
            parts = entry.strip().split(" ", 1)
            if parts[0].startswith("/") and not parts[0].startswith("//"):
                parts[0] = seo.absolute(parts[0])
            entries.append(" ".join(parts))
        return f'{match[1]}{", ".join(entries)}"'

    return _SRCSET_RE.sub(srcset, html)


class PublicUrlField(serializers.Field):
    """The thing's public page, absolute on SITE_URL."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return seo.absolute(value.get_absolute_url())


PublicUrlField = extend_schema_field(OpenApiTypes.URI)(PublicUrlField)


# --- references: the few fields naming a thing inside another ------------------------


class SectionRef(serializers.ModelSerializer):
    url = PublicUrlField()

    class Meta:
        model = Section
        fields = ["id", "slug", "name", "url"]


class TagRef(SectionRef):
    class Meta:
        model = Tag
        fields = ["id", "slug", "name", "url"]


class AuthorRef(SectionRef):
    class Meta:
        model = Author
        fields = ["id", "slug", "name", "url"]


class UnitRef(SectionRef):
    class Meta:
        model = Unit
        fields = ["id", "slug", "name", "url"]


class ClusterRef(SectionRef):
    class Meta:
        model = Cluster
        fields = ["id", "slug", "name", "url"]


class EventRef(SectionRef):
    class Meta:
        model = Event
        fields = ["id", "slug", "title", "date", "url"]


class OfficialRef(serializers.ModelSerializer):
    name = serializers.CharField(source="public_name", read_only=True)
    url = PublicUrlField()

    class Meta:
        model = Official
        fields = ["id", "slug", "name", "url"]


# --- photos --------------------------------------------------------------------------


class RenditionSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="w480, w800, w1200, w1600 hoặc social (1200×630).")
    format = serializers.CharField(help_text="jpeg hoặc webp.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    url = serializers.URLField()


class PhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="Bản JPEG gần 1200 điểm ảnh nhất.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField(source="alt_text")
    caption = serializers.CharField()
    credit = serializers.CharField()
    renditions = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, photo):
        return seo.absolute(photo.src)

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, photo):
        return [
            {
                "kind": entry["kind"],
                "format": entry["format"],
                "width": entry["width"],
                "height": entry["height"],
                "url": seo.absolute(photo.url_of(entry)),
            }
            for entry in photo.renditions
        ]


# --- articles ------------------------------------------------------------------------


class BylineSerializer(serializers.ModelSerializer):
    author = AuthorRef()
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Authorship
        fields = ["author", "role", "role_label"]


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["text", "published_at"]


class ArticleListSerializer(serializers.ModelSerializer):
    url = PublicUrlField(help_text="Địa chỉ chính thức (canonical) của bài.")
    section = SectionRef()
    cover = PhotoSerializer(allow_null=True)
    updated_at = serializers.DateTimeField(
        source="last_modified", help_text="Lúc đăng, hoặc lúc nội dung sửa sau khi đăng."
    )
    tags = TagRef(many=True)
    bylines = BylineSerializer(source="authorships", many=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "url",
            "title",
            "lead",
            "section",
            "published_at",
            "updated_at",
            "is_featured",
            "cover",
            "bylines",
            "tags",
        ]


class ArticleDetailSerializer(ArticleListSerializer):
    body_html = serializers.SerializerMethodField(
        help_text="Nội dung đã làm sạch, ảnh trong bài mở thành <figure> như trang công khai; "
        "địa chỉ tuyệt đối."
    )
    units = UnitRef(many=True)
    clusters = ClusterRef(many=True)
    events = EventRef(many=True)
    officials = OfficialRef(source="public_officials", many=True)
    corrections = CorrectionSerializer(many=True)

    class Meta:
        model = Article
        fields = [
            *ArticleListSerializer.Meta.fields,
            "source",
            "body_html",
            "units",
            "clusters",
            "events",
            "officials",
            "corrections",
        ]

    def get_body_html(self, article) -> str:
        return absolute_html(str(article_body(article)))


# --- sections, tags, authors -----------------------------------------------------------


class SectionSerializer(serializers.ModelSerializer):
    url = PublicUrlField()

    class Meta:
        model = Section
        fields = ["id", "slug", "name", "description", "parent", "position", "url"]


class TagSerializer(TagRef):
    pass


class AuthorSerializer(serializers.ModelSerializer):
    url = PublicUrlField()

    class Meta:
        model = Author
        fields = ["id", "slug", "name", "bio", "url"]


# --- records -----------------------------------------------------------------------------


class BlockSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmulationBlock
        fields = ["id", "name", "short_name"]


class MembershipSerializer(serializers.ModelSerializer):
    unit = UnitRef()
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Membership
        fields = ["unit", "role", "role_label"]


class ClusterYearSerializer(serializers.ModelSerializer):
    leader = serializers.SerializerMethodField(help_text="Đơn vị cụm trưởng năm đó.")
    deputy = serializers.SerializerMethodField(help_text="Đơn vị cụm phó năm đó.")
    members = serializers.SerializerMethodField(
        help_text="Cụm trưởng, cụm phó rồi các thành viên theo thứ tự chữ cái."
    )

    class Meta:
        model = ClusterYear
        fields = ["year", "slogan", "leader", "deputy", "members"]

    @extend_schema_field(UnitRef(allow_null=True))
    def get_leader(self, cluster_year):
        unit = cluster_year.leader
        return UnitRef(unit, context=self.context).data if unit else None

    @extend_schema_field(UnitRef(allow_null=True))
    def get_deputy(self, cluster_year):
        unit = cluster_year.deputy
        return UnitRef(unit, context=self.context).data if unit else None

    @extend_schema_field(MembershipSerializer(many=True))
    def get_members(self, cluster_year):
        members = sorted_memberships(cluster_year.memberships.all())
        return MembershipSerializer(members, many=True, context=self.context).data


class ClusterSerializer(serializers.ModelSerializer):
    url = PublicUrlField()
    block = BlockSerializer()
    years = ClusterYearSerializer(many=True, help_text="Mỗi năm có hồ sơ, năm mới trước.")

    class Meta:
        model = Cluster
        fields = ["id", "slug", "name", "number", "block", "description", "url", "years"]


class SuccessionSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Succession
        fields = ["kind", "kind_label", "effective_date", "legal_basis"]


class PredecessorSerializer(SuccessionSerializer):
    unit = UnitRef(source="predecessor")

    class Meta(SuccessionSerializer.Meta):
        fields = ["unit", *SuccessionSerializer.Meta.fields]


class SuccessorSerializer(SuccessionSerializer):
    unit = UnitRef(source="successor", allow_null=True, help_text="Trống khi giải thể.")

    class Meta(SuccessionSerializer.Meta):
        fields = ["unit", *SuccessionSerializer.Meta.fields]


class UnitSerializer(serializers.ModelSerializer):
    url = PublicUrlField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = UnitRef(allow_null=True)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    predecessors = PredecessorSerializer(source="predecessor_links", many=True)
    successors = SuccessorSerializer(source="successor_links", many=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "slug",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "parent",
            "locality",
            "valid_from",
            "valid_to",
            "aliases",
            "predecessors",
            "successors",
            "url",
        ]
        extra_kwargs = {
            "valid_from": {"help_text": "Ngày bắt đầu tồn tại (tính cả ngày này)."},
            "valid_to": {"help_text": "Ngày thôi tồn tại (không tính ngày này); trống nếu còn."},
        }


class RankHeldSerializer(serializers.ModelSerializer):
    rank = serializers.CharField(source="rank.name")

    class Meta:
        model = RankAssignment
        fields = ["rank", "since"]


class PositionSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="title_text", read_only=True)
    unit = UnitRef()

    class Meta:
        model = Position
        fields = ["title", "is_acting", "unit", "start", "end"]


class OfficialSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        source="public_name",
        read_only=True,
        help_text="Họ tên, hoặc chỉ chữ cái đầu khi cán bộ không công khai họ tên.",
    )
    photo = serializers.SerializerMethodField(help_text="Ảnh chân dung; chỉ khi công khai họ tên.")
    ranks = RankHeldSerializer(source="rank_assignments", many=True)
    positions = PositionSerializer(many=True)
    url = PublicUrlField()

    class Meta:
        model = Official
        fields = ["id", "slug", "name", "disclosure", "photo", "ranks", "positions", "url"]
        extra_kwargs = {"disclosure": {"help_text": "public: họ tên; initials: chữ cái đầu."}}

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo(self, official):
        photo = official.public_portrait
        return seo.absolute(photo.src) if photo else None


class ParticipantSerializer(serializers.ModelSerializer):
    official = OfficialRef(allow_null=True)
    unit = UnitRef(allow_null=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Participant
        fields = ["official", "unit", "role", "role_label"]


class EventSerializer(serializers.ModelSerializer):
    url = PublicUrlField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    cluster = ClusterRef()
    host_unit = UnitRef(allow_null=True)
    participants = ParticipantSerializer(source="public_participants", many=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "kind_label",
            "cluster",
            "year",
            "date",
            "host_unit",
            "venue",
            "summary",
            "participants",
            "url",
        ]


class MovementYearSerializer(serializers.ModelSerializer):
    class Meta:
        model = MovementYear
        fields = ["year", "slogan"]


class MovementSerializer(serializers.ModelSerializer):
    years = MovementYearSerializer(many=True, help_text="Khẩu hiệu từng năm, năm mới trước.")

    class Meta:
        model = Movement
        fields = ["id", "name", "description", "years"]


class AwardSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    title = serializers.CharField(source="display_title", read_only=True)
    unit = UnitRef(allow_null=True)
    official = OfficialRef(allow_null=True)

    class Meta:
        model = Award
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "year",
            "decision_number",
            "decision_date",
            "unit",
            "official",
        ]
