"""Local development: ``make run``. Never used in production."""

from . import env
from .base import *  # noqa: F403

DEBUG = env.boolean("DEBUG", default=True)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  WhiteNoise warns when it is missing

# Absolute URLs follow the address actually served (make run PORT=8803 links to :8803)
# unless SITE_URL is set; a missing page shows the site's own 404 (?debug-404 shows
# Django's). Both in newsroom/devtools.py.
SITE_URL_FOLLOWS_REQUEST = env.get("SITE_URL") is None
MIDDLEWARE = [
    "newsroom.devtools.ServedAddressMiddleware",
    *MIDDLEWARE,  # noqa: F405
    "newsroom.devtools.SiteNotFoundMiddleware",
]
