"""Discovery's periodic jobs (registered with ``newsroom.jobs.periodic``)."""

from datetime import timedelta

from django.tasks import task

from newsroom.jobs import periodic

from . import readership


@periodic.every(timedelta(seconds=readership.READS_FLUSH_SECONDS))
@task()
def flush_reads():
    """Move the readers' counted reads into the per-day view counts."""
    return {"reads": readership.flush_reads()}
