from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(call):
    """How many queries call() makes; the baseline a fixed-query test compares against."""
    with CaptureQueriesContext(connection) as context:
        call()
    return len(context)
