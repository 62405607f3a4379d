"""Each month's newest change (``Article.last_modified``) by the month of publication in
Vietnam time: the sitemap index dates every month's article sitemap with one probe of
it. It replaces the index of ``modified_at`` the sitemap index used to read."""

from django.db import migrations, models
from django.db.models.functions import Coalesce, Greatest

import articles.models


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_desk_order_index")]

    operations = [
        migrations.RemoveIndex(model_name="article", name="article_modified_idx"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                articles.models.VietnamMonth("published_at"),
                Greatest("published_at", Coalesce("modified_at", "published_at")),
                name="article_month_lastmod_idx",
            ),
        ),
    ]
