"""The newsroom desk in the admin: the article admin and the audit log."""

from . import articles, audit  # noqa: F401  (registers the admins)
