"""The article admin as a browser drives it: its addresses and the change form's POST."""

import re

from django.urls import reverse


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def admin_url(name, article, *args):
    return reverse(f"admin:articles_article_{name}", args=[article.pk, *args])


def workflow_url(article, action):
    return admin_url("workflow", article, action)


def form_data(article, bylines=(), **changes):
    """Everything the change form posts for ``article``, with ``changes`` typed over it."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "section": article.section_id,
        "lead": article.lead,
        "body": article.body,
        "source": article.source,
        # The version the form was loaded with (optimistic locking, articles/locking.py).
        "loaded_version": article.version,
        "expires_at_0": "",
        "expires_at_1": "",
        "tags": [tag.pk for tag in article.tags.all()] if article.pk else [],
        "units": [unit.pk for unit in article.units.all()] if article.pk else [],
        "authorships-TOTAL_FORMS": str(len(bylines)),
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "0",
        "authorships-MAX_NUM_FORMS": "1000",
    }
    for index, (author, role) in enumerate(bylines):
        data[f"authorships-{index}-author"] = author.pk
        data[f"authorships-{index}-role"] = role
        data[f"authorships-{index}-position"] = str(index)
    if article.cover_id:
        data["cover"] = article.cover_id
    data.update(changes)
    return data


def open_form(client, user, article):
    """Log in and open the change page; the version the page was loaded with."""
    client.force_login(user)
    html = client.get(change_url(article)).content.decode()
    return int(re.search(r'name="loaded_version" value="(\d+)"', html).group(1))


def step_data(article, **inputs):
    """What a workflow button or form posts: the version the page showed, and the inputs."""
    return {"version": article.version, **inputs}


def bulk_data(action, *articles, **extra):
    """What the list posts for a bulk action: the rows ticked, each with its version."""
    data = {"action": action, "_selected_action": [article.pk for article in articles]}
    for article in articles:
        data[f"_phien_ban_{article.pk}"] = article.version
    return {**data, **extra}
