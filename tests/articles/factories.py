import datetime as dt

import factory
from django.utils import timezone

from articles import listings, photos
from articles.models import Article, Author, Authorship, Section, Tag


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Iterator(["Tin tức – Sự kiện", "An ninh trật tự", "Xây dựng lực lượng"])
    position = factory.Sequence(int)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Thẻ số {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Phóng viên {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft; use ``published()``, ``scheduled()`` or the traits for other states.

    The fast way to a stored article for unit tests: it writes the row (states
    included) directly, with no revision, audit entry or signal, but keeps what the
    write path keeps alongside (search documents with bylines, photo uses, the tag and
    byline lists' rows). Tests of what a save means go through
    ``articles.editing.save_article``.
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Công an Nghệ An ra quân trấn áp tội phạm đợt {n}")
    lead = "Lực lượng Công an tỉnh Nghệ An mở đợt cao điểm bảo đảm an ninh trật tự."
    body = "<p>Trong đợt cao điểm, các đơn vị đã <strong>triệt phá</strong> nhiều ổ nhóm.</p>"
    section = factory.SubFactory(SectionFactory)

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1)),
        )
        scheduled = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1)),
        )
        expired = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2)),
            expires_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
        )
        in_review = factory.Trait(status=Article.Status.REVIEW)
        unpublished = factory.Trait(
            status=Article.Status.UNPUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2)),
        )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            Authorship.objects.create(article=self, author=author, position=position)
        if create and extracted:
            Article.objects.filter(pk=self.pk).refresh_search_documents()

    @factory.post_generation
    def photo_uses(self, create, extracted, **kwargs):
        if create:
            photos.record_uses(self)

    @factory.post_generation
    def listed(self, create, extracted, **kwargs):
        if create:
            listings.refill([self.pk])
