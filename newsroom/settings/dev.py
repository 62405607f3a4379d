"""Local development: ``make run``. Never used in production."""

from . import env
from .base import *  # noqa: F403

DEBUG = env.boolean("DEBUG", default=True)
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  WhiteNoise warns when it is missing
