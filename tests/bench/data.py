"""The benchmarks' archive: the demo, plus N generated published articles around it.

``Archive.grow_to(n)`` makes the database hold the demo content (``seed_demo``: records,
the Cụm 5 article and its photos, made with Pillow through the real photo ingest) and
``n`` generated published articles, each in one section with tags, ordered bylines,
links to the demo's units, clusters and officials, and for some a cover photo and a
``<figure data-photo>`` between paragraphs (the demo's photos, by reference). Around every
hundred published articles come a few that must never show: drafts, one in review, one
scheduled, one expired and one taken down. Everything an article derives (slug, clean
title and lead, sanitised body, search documents) is the project's own derivation, and
view counts give the most-read list its work.

Article ``i`` is the same at every size and newer than article ``i + 1`` (about
``PER_DAY`` a day), so growing from 1k to 100k adds an older archive behind the same
front page: the pages compared across sizes show the same articles.

PostgreSQL loads with COPY (its GIN indexes dropped and rebuilt around a big load, from
their own definitions), SQLite with ``bulk_create`` in batches; then VACUUM ANALYZE (or
ANALYZE), as autovacuum would have.
"""

import contextlib
import datetime as dt
import io
import random
import time
from dataclasses import dataclass, field

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from newsroom import search, text

from . import vocabulary as words

# A provincial portal publishes a few dozen articles a day: 100k is about eleven years.
PER_DAY = 25
BATCH = 5_000
SEED = 20200717
# Articles whose every derived field is computed again the slow way and compared.
CHECK_EVERY = 500
# Of every hundred published articles, these positions bring a non-public sibling.
HIDDEN = {3: "draft", 17: "review", 31: "scheduled", 47: "expired", 61: "unpublished", 89: "draft"}
MID_YEAR_2020 = "cum-thi-dua-so-5-so-ket-phong-trao-thi-dua-6-thang-dau-nam-2020"


def person(rng):
    return f"{rng.choice(words.FAMILY)} {rng.choice(words.MIDDLE)} {rng.choice(words.GIVEN)}"


def block(tag, pieces):
    """(HTML, text pieces) of an element holding the pieces' text, separated by spaces."""
    return f"<{tag}>{' '.join(pieces)}</{tag}>", pieces


def join_documents(*documents):
    """The search document of texts put one after another, from their own documents.

    ``newsroom.search.document`` is the space-padded list of a text's words; a text
    whose parts are separated by spaces or tags has the words of its parts in order.
    """
    inner = [document.strip() for document in documents if document.strip()]
    return f" {' '.join(inner)} " if inner else ""


class Documents:
    """The project's search documents of text pieces, each derived once.

    Deriving the documents of a whole 3 KB article takes about 15 ms (tone placement is
    decided syllable by syllable): hours for 100k articles. Generated articles are made
    of a few thousand recurring pieces (a rank, a name, a clause), whose documents are
    derived with the project's own functions and joined. ``Archive.check`` derives every
    CHECK_EVERY-th article in full and insists on the same result.
    """

    def __init__(self):
        self.cache = {}

    def of(self, fragment):
        found = self.cache.get(fragment)
        if found is None:
            found = (search.document(fragment), search.toned_document(fragment))
            self.cache[fragment] = found
        return found

    def join(self, fragments):
        pairs = [self.of(fragment) for fragment in fragments]
        return join_documents(*(p[0] for p in pairs)), join_documents(*(p[1] for p in pairs))


class TakenSlugs:
    """Just enough of a queryset for ``text.unique_slug``: slugs held in memory."""

    def __init__(self, slugs=()):
        self.slugs = set(slugs)

    def exclude(self, **_lookup):
        return self

    def filter(self, slug):
        return _Exists(slug in self.slugs)


@dataclass
class _Exists:
    found: bool

    def exists(self):
        return self.found


@dataclass
class Generated:
    """One generated article: its row and the rows that hang off it."""

    article: object
    bylines: list = field(default_factory=list)  # (author, role)
    title_parts: list = field(default_factory=list)
    lead_parts: list = field(default_factory=list)
    body_parts: list = field(default_factory=list)  # the body's text, in pieces
    tags: list = field(default_factory=list)
    units: list = field(default_factory=list)
    clusters: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    events: list = field(default_factory=list)
    views: list = field(default_factory=list)  # (day, count)
    correction: str = ""
    has_figure: bool = False


@dataclass
class Timings:
    seed_s: float = 0.0
    generate_s: float = 0.0
    load_s: float = 0.0
    index_s: float = 0.0
    analyse_s: float = 0.0

    @property
    def total_s(self):
        return self.seed_s + self.generate_s + self.load_s + self.index_s + self.analyse_s


class Archive:
    """The benchmark database: grows (never shrinks) to the asked number of articles."""

    def __init__(self):
        self.count = 0
        self.public_slugs = []  # of generated article i, at index i
        self.hidden_slugs = []
        self.timings = Timings()
        self.documents = Documents()
        self.paragraphs = {}
        self.checked = 0
        self.seeded = False

    # --- what benchmarks ask ---------------------------------------------------------

    def grow_to(self, count):
        if count < self.count:
            raise ValueError(f"the archive holds {self.count:,} articles; it cannot shrink")
        if not self.seeded:
            self._seed()
        if count > self.count:
            self._load(self.count, count)
        return self

    @property
    def photo_less_slug(self):
        """The newest generated article with bylines, tags and units but no photo at all."""
        return self.first_slug(
            lambda g: not g.article.cover_id and not g.has_figure and g.units and g.tags
        )

    def first_slug(self, wanted):
        """The slug of the newest generated public article that ``wanted`` accepts."""
        for index in range(self.count):
            if wanted(self.generate(index)):
                return self.public_slugs[index]
        raise LookupError("no generated article answers")

    # --- demo and reference data -----------------------------------------------------

    def _seed(self):
        from django.contrib.auth import get_user_model

        from articles.models import Article, Author, Section, Tag
        from clusters.models import Cluster, Event, Official, Unit
        from photos.models import Photo

        started = time.perf_counter()
        call_command("seed_demo", stdout=io.StringIO())
        users = get_user_model().objects
        self.reporter = users.get(username="phongvien")
        self.editor = users.get(username="bientap")
        self.sections = {s.slug: s for s in Section.objects.all()}
        self.authors = [Author.objects.get_or_create(name=name)[0] for name in words.PEN_NAMES]
        names = [topic for topic, _, _ in words.TOPICS] + words.PROVINCES + words.TAGS
        self.tags = {name: Tag.objects.get_or_create(name=name)[0] for name in names}
        self.photos = list(Photo.objects.order_by("pk"))
        self.units = list(Unit.objects.order_by("pk"))
        self.clusters = list(Cluster.objects.order_by("pk"))
        self.officials = list(Official.objects.order_by("pk"))
        self.events = list(Event.objects.order_by("pk"))
        self.now = timezone.now()
        self.slugs = TakenSlugs(Article.objects.values_list("slug", flat=True))
        self.next_id = (Article.objects.order_by("-pk").values_list("pk", flat=True).first()) + 1
        self.demo_published = Article.objects.published().count()
        self.seeded = True
        self.timings.seed_s = time.perf_counter() - started

    # --- generation ------------------------------------------------------------------

    def _paragraphs(self, province, topic, detail):
        """Six paragraphs for a province and topic, made once (articles draw from them)."""
        key = province, topic
        if key not in self.paragraphs:
            rng = random.Random(f"{SEED}:{province}:{topic}")
            self.paragraphs[key] = [self._paragraph(rng, province, topic, detail) for _ in range(6)]
        return self.paragraphs[key]

    @staticmethod
    def _paragraph(rng, province, topic, detail):
        """(HTML, its text in pieces): pieces recur across paragraphs, so each is derived once."""
        who = [
            rng.choice(words.RANKS),
            f"{person(rng)},",
            f"{rng.choice(words.POSITIONS)} Công an tỉnh",
            f"{province},",
        ]
        place = rng.choice(words.PLACES)
        first = rng.choice(
            [
                [
                    "Theo",
                    *who,
                    f"đơn vị đã {detail},",
                    f"góp phần {topic} trong dịp cao điểm,",
                    f"nhất là ở các {place} có nhiều diễn biến phức tạp.",
                ],
                [
                    "Tại hội nghị,",
                    *who[:-1],
                    f"{province}",
                    f"trình bày báo cáo về {topic};",
                    "các đại biểu thảo luận, chỉ ra những tồn tại, hạn chế và thống nhất giải "
                    "pháp khắc phục.",
                ],
                [
                    f"Lực lượng chức năng Công an {province}",
                    f"tiếp tục {detail},",
                    f"kết quả được Cụm số {rng.randint(1, 8)} ghi nhận, đánh giá cao.",
                ],
                [
                    f"Ngay từ đầu năm, Công an {province}",
                    f"đã xây dựng kế hoạch {topic},",
                    "phân công cụ thể cho từng đơn vị, địa phương,",
                    f"trọng tâm là các {place}.",
                ],
            ]
        )
        return block("p", [*first, rng.choice(words.COMMON)])

    def generate(self, index, hidden=None):
        """Published article number ``index`` (0 is the newest), or its hidden sibling."""
        from articles.models import Article, Authorship

        rng = random.Random(f"{SEED}:{index}:{hidden or ''}")
        topic, detail, section_slug = rng.choice(words.TOPICS)
        province = rng.choice(words.PROVINCES)
        place = rng.choice(words.PLACES)
        title_parts = rng.choice(
            [
                [f"Công an {province}:", topic, f"ở {place}"],
                [f"Công an tỉnh {province}", detail],
                [topic.capitalize(), f"tại {place}", f"tỉnh {province}"],
                [f"{province}:", detail, f"ở {place}"],
            ]
        )
        lead_parts = [
            f"{rng.choice(['Sáng', 'Chiều', 'Ngày'])} {rng.randint(1, 28)}/{rng.randint(1, 12)},",
            f"Công an tỉnh {province}",
            f"{detail}.",
            rng.choice(words.COMMON),
        ]
        pool = self._paragraphs(province, topic, detail)
        blocks = rng.sample(pool, rng.randint(3, 5))
        blocks += [block("p", [sentence]) for sentence in rng.sample(words.COMMON, 2)]
        if rng.random() < 0.4:
            blocks.insert(len(blocks) // 2, block("h2", [rng.choice(words.HEADINGS)]))
        if rng.random() < 0.15:
            items = rng.sample(words.LIST_ITEMS, 3)
            html = "".join(f"<li>{item}</li>" for item in items)
            blocks.insert(2, (f"<ul>{html}</ul>", items))
        if rng.random() < 0.1:
            quote = rng.choice(words.QUOTES)
            blocks.append((f"<blockquote><p>{quote}</p></blockquote>", [quote]))
        has_figure = rng.random() < 0.4
        if has_figure:
            photo = rng.choice(self.photos).pk
            blocks.insert(1, (f'<figure data-photo="{photo}"></figure>', []))
        cover = rng.choice(self.photos) if rng.random() < 0.6 else None

        title = text.clean_line(" ".join(title_parts))
        lead = " ".join(lead_parts)
        bylines = [
            (author, role)
            for author, role in zip(
                rng.sample(self.authors, rng.choice([1, 1, 2, 2, 3])),
                [Authorship.Role.TEXT, Authorship.Role.PHOTO, Authorship.Role.PHOTO],
                strict=False,
            )
        ]
        minutes = 60 + (index + rng.random()) * 24 * 60 / PER_DAY
        published_at = self.now - dt.timedelta(minutes=minutes)
        article = Article(
            title=title,
            lead=lead,
            body="".join(html for html, _ in blocks),
            section=self.sections[section_slug],
            cover=cover,
            source=rng.choice(words.SOURCES) if rng.random() < 0.1 else "",
            is_featured=index % 150 == 0,
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            submitted_at=published_at - dt.timedelta(hours=2),
            approved_at=published_at,
            approved_by=self.editor,
            created_by=self.reporter,
            updated_by=self.reporter,
            created_at=published_at - dt.timedelta(hours=3),
            updated_at=published_at,
            version=3,
        )
        if rng.random() < 0.1:
            article.modified_at = published_at + dt.timedelta(hours=rng.randint(1, 48))
        generated = Generated(
            article=article,
            bylines=bylines,
            title_parts=title_parts,
            lead_parts=lead_parts,
            body_parts=[piece for _, pieces in blocks for piece in pieces],
            has_figure=has_figure,
        )
        tags = [topic, *rng.sample(words.TAGS, rng.choice([0, 0, 1, 2]))]
        if rng.random() < 0.5:
            tags.append(province)
        generated.tags = [self.tags[name] for name in dict.fromkeys(tags)]
        if rng.random() < 0.35:
            generated.units = rng.sample(self.units, rng.randint(1, 2))
        if rng.random() < 0.1:
            generated.clusters = rng.sample(self.clusters, 1)
        if rng.random() < 0.1:
            generated.officials = rng.sample(self.officials, rng.randint(1, 2))
        if rng.random() < 0.05:
            generated.events = rng.sample(self.events, 1)
        if rng.random() < 0.003:
            generated.correction = "Bài trước ghi nhầm tên đơn vị chủ trì; nay sửa lại cho đúng."
        self._hide(article, hidden, rng)
        if article.is_published(self.now):
            first = timezone.localdate(published_at)
            for offset in range(rng.randint(1, 3)):
                day = first + dt.timedelta(days=offset)
                if day <= timezone.localdate(self.now):
                    generated.views.append((day, rng.randint(1, 400 if offset == 0 else 60)))
        return generated

    def _hide(self, article, hidden, rng):
        Status = type(article).Status
        if hidden is None:
            return
        if hidden == "draft":
            article.status = Status.DRAFT
            article.published_at = article.submitted_at = None
            article.approved_at = article.approved_by = None
        elif hidden == "review":
            article.status = Status.REVIEW
            article.published_at = article.approved_at = article.approved_by = None
        elif hidden == "scheduled":
            # Days ahead, so no benchmark run lasts long enough to see it go out.
            article.published_at = self.now + dt.timedelta(days=2, hours=rng.randint(1, 72))
        elif hidden == "expired":
            article.expires_at = article.published_at + dt.timedelta(minutes=30)
        elif hidden == "unpublished":
            article.status = Status.UNPUBLISHED

    def derive(self, generated, slugs):
        """Fill the derived fields (slug, search documents) as ``Article.tidy`` and
        ``Article.fill_search_documents`` do, from pieces derived once (see Documents)."""
        article = generated.article
        article.slug = text.unique_slug(article.title, slugs, max_length=200, fallback="bai-viet")
        slugs.slugs.add(article.slug)
        names = [author.name for author, _ in generated.bylines]
        title = self.documents.join(generated.title_parts)
        lead = self.documents.join(generated.lead_parts)
        body = self.documents.join(generated.body_parts)
        bylines = self.documents.join(names)
        article.search_title, article.search_title_toned = title
        article.search_all = join_documents(title[0], lead[0], body[0], bylines[0])
        article.search_all_toned = join_documents(title[1], lead[1], body[1], bylines[1])

    def check(self, generated):
        """Derive everything the slow, real way (``Article.tidy`` and the search documents,
        as ``Article.save`` does) and insist it is what the generator stored."""
        article = generated.article
        fields = ("title", "source", "lead", "body", "slug", *SEARCH_DOCUMENTS)
        stored = {name: getattr(article, name) for name in fields}
        article.tidy()
        article.fill_search_documents([author.name for author, _ in generated.bylines])
        wrong = [name for name in fields if getattr(article, name) != stored[name]]
        assert not wrong, f"generated {wrong} differ from the project's derivation: {article.slug}"
        self.checked += 1

    # --- loading ---------------------------------------------------------------------

    def _load(self, start, stop):
        from articles import listings
        from articles.models import Article

        postgres = connection.vendor == "postgresql"
        big = postgres and stop - start >= BATCH
        with transaction.atomic():
            indexes = self._drop_gin_indexes() if big else []
            for first in range(start, stop, BATCH):
                began = time.perf_counter()
                rows = self._batch(first, min(stop, first + BATCH))
                self.timings.generate_s += time.perf_counter() - began
                began = time.perf_counter()
                self._write(rows)
                self.timings.load_s += time.perf_counter() - began
            began = time.perf_counter()
            # The tag and byline lists' rows, as the write path keeps them.
            listings.refill()
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), [Article]):
                    cursor.execute(statement)
                if indexes:
                    # Check the deferred foreign keys now: PostgreSQL builds no index on a
                    # table with trigger events pending.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for definition in indexes:
                    cursor.execute(definition)
            self.timings.index_s += time.perf_counter() - began
        self.count = stop
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if postgres else "ANALYZE")
        self.timings.analyse_s += time.perf_counter() - began

    def _drop_gin_indexes(self):
        """Drop the article table's GIN indexes; return the statements that rebuild them."""
        from articles.models import Article

        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexdef LIKE %s",
                [Article._meta.db_table, "% USING gin %"],
            )
            found = cursor.fetchall()
            for name, _ in found:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return [definition for _, definition in found]

    def _batch(self, start, stop):
        """Articles start…stop-1 with their hidden siblings: [(model, rows)], in load order.

        Articles are model instances; the rows hanging off them are dicts of column
        values (a model instance each would double the generation time at 100k).
        """
        from articles.models import Article, Authorship, Correction
        from discovery.models import ViewCount

        relations = links()
        articles, authorships, views, corrections = [], [], [], []
        linked = {name: [] for name in relations}
        for index in range(start, stop):
            produced = [self.generate(index)]
            hidden = HIDDEN.get(index % 100)
            if hidden:
                produced.append(self.generate(index, hidden))
            for generated in produced:
                article = generated.article
                self.derive(generated, self.slugs)
                if index % CHECK_EVERY == 0 and generated is produced[0]:
                    self.check(generated)
                article.pk = self.next_id
                self.next_id += 1
                if article.is_published(self.now):
                    self.public_slugs.append(article.slug)
                else:
                    self.hidden_slugs.append(article.slug)
                articles.append(article)
                for position, (author, role) in enumerate(generated.bylines, start=1):
                    authorships.append(
                        {
                            "article_id": article.pk,
                            "author_id": author.pk,
                            "role": role,
                            "position": position,
                        }
                    )
                for name, (_, column) in relations.items():
                    for item in getattr(generated, name):
                        linked[name].append({"article_id": article.pk, column: item.pk})
                for day, count in generated.views:
                    views.append({"article_id": article.pk, "day": day, "count": count})
                if generated.correction and article.published_at:
                    corrections.append(
                        {
                            "article_id": article.pk,
                            "text": generated.correction,
                            "published_at": article.published_at + dt.timedelta(hours=5),
                            "created_by_id": self.editor.pk,
                        }
                    )
        return [
            (Article, articles),
            (Authorship, authorships),
            *((relations[name][0], linked[name]) for name in relations),
            (ViewCount, views),
            (Correction, corrections),
        ]

    def _write(self, batches):
        for model, rows in batches:
            if not rows:
                continue
            if isinstance(rows[0], dict):
                columns = list(rows[0])
                values = [[row[c] for c in columns] for row in rows]
            else:
                columns = [f.attname for f in model._meta.concrete_fields]
                values = [[getattr(obj, c) for c in columns] for obj in rows]
            with kept_timestamps(model):
                if connection.vendor == "postgresql":
                    copy(model, columns, values)
                else:
                    objects = [model(**dict(zip(columns, row, strict=True))) for row in values]
                    model.objects.bulk_create(objects, batch_size=500)


SEARCH_DOCUMENTS = ("search_title", "search_title_toned", "search_all", "search_all_toned")


def links():
    """Article relation name → (its through model, the column naming the other side)."""
    from articles.models import Article

    return {
        name: (getattr(Article, name).through, column)
        for name, column in (
            ("tags", "tag_id"),
            ("units", "unit_id"),
            ("clusters", "cluster_id"),
            ("officials", "official_id"),
            ("events", "event_id"),
        )
    }


@contextlib.contextmanager
def kept_timestamps(model):
    """Let a bulk load keep the generated created_at/updated_at (auto_now would say "now")."""
    automatic = [
        (f, f.auto_now, f.auto_now_add)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _, _ in automatic:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in automatic:
            f.auto_now, f.auto_now_add = now, now_add


def copy(model, columns, rows):
    """COPY rows (lists of values, in the order of ``columns``, attribute names) in."""
    fields = [model._meta.get_field(column) for column in columns]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as stream,
    ):
        for row in rows:
            stream.write_row(
                [
                    f.get_db_prep_save(value, connection)
                    for f, value in zip(fields, row, strict=True)
                ]
            )
