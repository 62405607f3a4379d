"""Workflow steps as the tests take them: by a user who has just seen the article."""

from articles import workflow


def step(name, article, user, **inputs):
    """``workflow.perform`` with the version the caller's copy of the article shows."""
    return workflow.perform(name, article, user, expected_version=article.version, **inputs)
