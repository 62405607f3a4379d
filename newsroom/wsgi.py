import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
django.setup(set_prefix=False)  # what django.core.wsgi.get_wsgi_application() does

from newsroom.pagecache import FastHits  # noqa: E402 (needs the settings)

# Cached pages are served before Django's handler, which answers everything else.
application = FastHits()
