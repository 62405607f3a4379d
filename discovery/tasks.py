"""Discovery's tasks: the periodic jobs (registered with ``newsroom.jobs.periodic``) and
the re-rendering of stored article parts after a change, off the writer's request."""

from datetime import timedelta

from django.tasks import task

from articles import pages
from newsroom.jobs import periodic

from . import readership


@periodic.every(timedelta(seconds=readership.READS_FLUSH_SECONDS))
@task()
def flush_reads():
    """Move the readers' counted reads into the per-day view counts."""
    return {"reads": readership.flush_reads()}


@task()
def warm_articles(article_ids):
    """Store the parts and body of these articles again for their next readers.

    Queued on commit by ``discovery.caching``: a photo used by a hundred articles is
    re-rendered by the worker, not in the editor's request. Until it runs, a reader's
    request renders what is missing itself (the purge has already happened).
    """
    for article_id in article_ids:
        pages.warm(article_id)
    return {"articles": len(article_ids)}
