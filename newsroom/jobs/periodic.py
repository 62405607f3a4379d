"""Periodic jobs: Django's tasks framework has no scheduler, so this is ours.

A job is a task plus an interval, registered with ``@every(timedelta(...))`` in an
app's ``tasks.py``. ``manage.py run_periodic`` calls ``tick()`` every few seconds;
``tick()`` claims each due job with one conditional UPDATE of its ``PeriodicRun``
row and enqueues it in the same transaction, so the job runs on the worker like
any task, and several runners (one per app server) never enqueue it twice.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    task: object
    interval: timedelta
    kwargs: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.task.module_path


registry = {}
labels = {}


def label(text):
    """Name the decorated task (already wrapped by ``@task``) in Vietnamese, for the admin."""

    def register(task):
        labels[task.module_path] = text
        return task

    return register


def every(interval, **kwargs):
    """Register the decorated task (already wrapped by ``@task``) to run every ``interval``."""

    def register(task):
        job = Job(task, interval, kwargs)
        registry[job.name] = job
        return task

    return register


def tick(now=None, jobs=None):
    """Enqueue every job that is due; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in (jobs or registry).values():
        PeriodicRun.objects.get_or_create(name=job.name, defaults={"due_at": now})
        with transaction.atomic():
            claimed = PeriodicRun.objects.filter(name=job.name, due_at__lte=now).update(
                due_at=now + job.interval, last_enqueued_at=now
            )
            if claimed:
                job.task.enqueue(**job.kwargs)
                enqueued.append(job.name)
    if enqueued:
        logger.info("Enqueued periodic jobs: %s", ", ".join(enqueued))
    return enqueued
