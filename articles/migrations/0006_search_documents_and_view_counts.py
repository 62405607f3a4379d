import django.db.models.deletion
from django.db import migrations, models

from newsroom import search

SEARCH_FIELDS = ("search_title", "search_title_toned", "search_all", "search_all_toned")


def fill_search_documents(apps, schema_editor):
    """Give articles written before reader search their documents (as Article.save does)."""
    from articles import richtext

    Article = apps.get_model("articles", "Article")
    Authorship = apps.get_model("articles", "Authorship")
    bylines = {}
    for article_id, name in Authorship.objects.order_by("position", "pk").values_list(
        "article_id", "author__name"
    ):
        bylines.setdefault(article_id, []).append(name)
    articles = list(Article.objects.only("pk", "title", "lead", "body"))
    for article in articles:
        body = richtext.text_of(article.body)
        names = bylines.get(article.pk, [])
        article.search_title = search.document(article.title)
        article.search_title_toned = search.toned_document(article.title)
        article.search_all = search.document(article.title, article.lead, body, *names)
        article.search_all_toned = search.toned_document(article.title, article.lead, body, *names)
    Article.objects.bulk_update(articles, SEARCH_FIELDS, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_photo_roles")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_title",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_title_toned",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_all",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_all_toned",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_documents, migrations.RunPython.noop),
        migrations.CreateModel(
            name="ViewCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="ngày")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="lượt xem")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="view_counts",
                        to="articles.article",
                        verbose_name="bài viết",
                    ),
                ),
            ],
            options={
                "verbose_name": "lượt xem trong ngày",
                "verbose_name_plural": "lượt xem theo ngày",
                "ordering": ["-day", "article"],
                "indexes": [models.Index(fields=["day", "article"], name="view_count_day_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "day"),
                        name="view_count_once_per_article_day",
                        violation_error_message="Mỗi bài chỉ có một dòng lượt xem cho mỗi ngày.",
                    )
                ],
            },
        ),
    ]
