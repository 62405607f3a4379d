import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
django.setup(set_prefix=False)  # what django.core.wsgi.get_wsgi_application() does

from django.urls import get_resolver  # noqa: E402 (needs the settings)

from newsroom.pagecache import FastHits  # noqa: E402 (needs the settings)
from newsroom.stack import RoomyStack  # noqa: E402

# Cached pages are served before Django's handler, which answers everything else, each
# request on a stack chunk of its own (newsroom/stack.py: CPython's chunk thrashing). A
# cached page is served in a few calls: it needs no room.
application = FastHits()
application.handler = RoomyStack(application.handler)

# The loaded application (modules, models, the URL patterns, the admin's classes) lives
# as long as the worker. Out of the cyclic collector's sight, its hundred thousand
# objects are not walked again by every full collection a request triggers (a large
# form allocates enough to trigger several): issue 13 measured the article change form's
# collections at 3 ms per request, 1.5 ms with this. Each worker imports this module
# (gunicorn without --preload), so each freezes its own.
get_resolver().url_patterns  # noqa: B018 (loaded now, so frozen with the rest)
gc.collect()
gc.freeze()
