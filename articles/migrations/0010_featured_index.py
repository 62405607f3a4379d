from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_section_index_covers_expiry")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("is_featured", True), ("status", "published")),
                fields=["published_at"],
                name="article_featured_idx",
            ),
        ),
    ]
