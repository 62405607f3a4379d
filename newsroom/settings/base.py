"""Settings shared by every environment; values that vary come from ``env``."""

from datetime import timedelta
from pathlib import Path

from django.utils.csp import CSP

from . import env, services

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.get("SECRET_KEY", "")
DEBUG = env.boolean("DEBUG", default=False)
ALLOWED_HOSTS = env.listing("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.listing("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.adminsite.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "django_ckeditor_5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "newsroom",
    "newsroom.accounts",
    "newsroom.jobs",
    "photos",
    "clusters",
    "articles",
    "editorial",
    "discovery",
    "importer",
    "api",
]

MIDDLEWARE = [
    # Answers the read API's CORS preflight (OPTIONS) before the method policy refuses it.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "newsroom.middleware.AllowedMethodsMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "newsroom.middleware.BadInputMiddleware",
    "newsroom.routers.ReplicaReadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Staff answers private; anonymous public pages cached and given HTTP caching
    # headers, before anything that would read the session (newsroom/pagecache.py).
    "newsroom.middleware.PrivateAnswersMiddleware",
    "newsroom.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the site speaks only Vietnamese (LANGUAGE_CODE), and the
    # middleware would add "Vary: Accept-Language" to every page a cache keeps.
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, which reads the body of a POST (newsroom/middleware.py).
    "newsroom.middleware.BodySizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.accounts.sessions.SessionActivityMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.accounts.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# A "replica" alias exists when DATABASE_REPLICA_URL is set; the router sends
# anonymous public reads there and everything else to the primary.
DATABASES = services.databases(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
DATABASE_READ_REPLICA = "replica" if "replica" in DATABASES else None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.get("REDIS_URL", "")
CACHES = services.caches()

# Background work: django-tasks-db keeps the queue in our database; `manage.py
# db_worker` runs it and `manage.py run_periodic` enqueues the periodic jobs.
TASKS = services.tasks()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# A refused or missing ?next= lands in the newsroom, not on /accounts/profile/.
LOGIN_REDIRECT_URL = "admin:index"

# Sign-in hardening (newsroom/accounts/). django-axes counts failed sign-ins per
# user name and, separately, per client address; either reaching the limit locks
# that user name or that address out for the cool-off time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env.get("SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env.get("SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # newsroom/accounts/admin.py shows them in Vietnamese
AXES_CLIENT_IP_CALLABLE = "newsroom.network.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# How many proxies of ours stand in front of gunicorn (nginx = 1; a load balancer
# in front of nginx = 2) and the header they append the client's address to.
TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", "0"))
CLIENT_IP_HEADER = env.get("CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
# Who must sign in with a second factor: "superuser" and/or role names.
TWO_FACTOR_REQUIRED_FOR = env.listing("TWO_FACTOR_REQUIRED_FOR")
# The name authenticator apps show beside the codes (pages show the publisher's name,
# edited in the admin: newsroom.models.Publisher).
OTP_TOTP_ISSUER = env.get("SITE_NAME", "Toà soạn")
# A signed-in session ends after this long without a request (sliding expiry).
SESSION_COOKIE_AGE = int(env.get("SESSION_IDLE_TIMEOUT", str(2 * 60 * 60)))

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's ``vi`` locale falls back to US input formats ("05/11/2026" as 11 May);
# our formats module makes day/month/year the only reading.
FORMAT_MODULE_PATH = ["newsroom.formats"]
# Fills the gaps of Django's and django-reversion's Vietnamese catalogues and
# overrides their entries (locale/vi/LC_MESSAGES).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", str(BASE_DIR / "media")))
# Filesystem media written atomically, or S3-compatible storage when S3_BUCKET is set.
STORAGES = services.storages("django.contrib.staticfiles.storage.StaticFilesStorage")

# 25 MB photos plus form fields; bigger bodies are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Request policy (newsroom/middleware.py). Staff paths: the admin and the editor's
# endpoints (never read from the replica, held for two-factor sign-in). POST is
# accepted only under WRITE_PATH_PREFIXES: the staff paths and the readers' view
# beacon (/doc/<id>/, discovery). Bodies over the anonymous limit are refused unless
# a staff member is signed in.
STAFF_PATH_PREFIXES = ["/admin/", "/soan-thao/"]
WRITE_PATH_PREFIXES = [*STAFF_PATH_PREFIXES, "/doc/"]
REQUEST_BODY_LIMIT_ANONYMOUS = 64 * 1024
REQUEST_BODY_LIMIT_STAFF = 30 * 1024 * 1024
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()"
)

# Page cache (newsroom/pagecache.py): anonymous public pages kept in the cache above,
# purged exactly on every change they show; PAGE_CACHE=0 turns it off (every page
# rendered, still with its HTTP caching headers). A page is kept at most
# PAGE_CACHE_SECONDS, and never past the next scheduled publication or expiry.
PAGE_CACHE_ENABLED = env.boolean("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "600"))
# Pages each worker keeps in memory and serves without asking Redis while Redis pushes
# no purge (newsroom/hotpages.py); 0 turns that off. With Redis only.
PAGE_CACHE_HOT_PAGES = int(env.get("PAGE_CACHE_HOT_PAGES", "128"))
# What shared caches (a CDN, nginx honouring it) may keep a public page: s-maxage,
# then serve it stale while fetching it again. Browsers revalidate (max-age=0, ETag).
PAGE_SHARED_MAX_AGE = int(env.get("PAGE_SHARED_MAX_AGE", "1"))
PAGE_STALE_WHILE_REVALIDATE = int(env.get("PAGE_STALE_WHILE_REVALIDATE", "30"))
# Public paths that are never cached (previews, the read beacon, health checks; the read
# API keeps its own copy, validators and Cache-Control: api/caching.py).
PAGE_CACHE_SKIP_PREFIXES = [
    "/xem-truoc/",
    "/doc/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
    "/giao-dien/",  # named for the colours it holds, cached a year (newsroom.views.theme_css)
    "/api/",
]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # CKEditor's upload adapter reads the token from the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Public pages make no third-party requests; the admin's CKEditor injects styles.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": [CSP.SELF, CSP.NONCE],  # the nonce of {{ csp_nonce }} in a template
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# CKEditor 5 (django-ckeditor-5): the toolbar a newsroom needs and no more; what it
# produces is sanitised again on save against the same list (articles/richtext.py).
_CKEDITOR_HEADINGS = [
    {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
    {"model": "heading2", "view": "h2", "title": "Tiêu đề mục", "class": "ck-heading_heading2"},
    {"model": "heading3", "view": "h3", "title": "Tiêu đề nhỏ", "class": "ck-heading_heading3"},
    {"model": "heading4", "view": "h4", "title": "Tiêu đề phụ", "class": "ck-heading_heading4"},
]
_CKEDITOR_NEWSROOM = {
    "language": "vi",
    "toolbar": {
        "items": [
            *["heading", "|", "bold", "italic", "link", "|", "bulletedList", "numberedList"],
            *["blockQuote", "|", "insertTable", "uploadImage", "|", "undo", "redo"],
        ],
        "shouldNotGroupWhenFull": True,
    },
    "heading": {"options": _CKEDITOR_HEADINGS},
    "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
    "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
    "link": {"defaultProtocol": "https://"},
}
CKEDITOR_5_CONFIGS = {"default": _CKEDITOR_NEWSROOM, "newsroom": _CKEDITOR_NEWSROOM}
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "photos:editor_image_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "webp"]

SITE_URL = env.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
}

# Media clean-up (newsroom/media.py): files younger than this are never touched, and
# the periodic job deletes what it finds only when MEDIA_CLEANUP_DELETE is on.
MEDIA_CLEANUP_GRACE = timedelta(hours=int(env.get("MEDIA_CLEANUP_GRACE_HOURS", "24")))
MEDIA_CLEANUP_DELETE = env.boolean("MEDIA_CLEANUP_DELETE", default=False)

# manage.py seed_demo: the demo accounts' password (random when empty).
DEMO_PASSWORD = env.get("DEMO_PASSWORD", "")

# Photos: uploads over these limits are refused with a message (photos/imaging.py).
PHOTO_MAX_BYTES = 25 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000

# The read API (api/, /api/v1/): anonymous, read-only, JSON. No authentication, so no
# session is read and no cookie is set; the rate limit counts per client address
# (newsroom.network.client_ip) in the default cache, Redis when REDIS_URL is set.
API_RATE_LIMIT = env.get("API_RATE_LIMIT", "120/min").strip() or None
# Cache-Control of the API's answers (api/caching.py): what a CDN or browser may keep.
# The server's own copy lives API_SERVER_CACHE_SECONDS and is purged on every change.
API_CACHE_SECONDS = int(env.get("API_CACHE_SECONDS", "60"))
API_STALE_SECONDS = int(env.get("API_STALE_SECONDS", "30"))
API_SERVER_CACHE_SECONDS = int(env.get("API_SERVER_CACHE_SECONDS", "300"))
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"client": API_RATE_LIMIT},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.handler",
    "URL_FORMAT_OVERRIDE": None,
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API đọc tin bài và hồ sơ thi đua",
    "DESCRIPTION": (
        "Chỉ đọc, không cần đăng nhập: bài viết đã đăng công khai, chuyên mục, thẻ, tác giả, "
        "cụm thi đua, đơn vị, cán bộ (theo chế độ công bố danh tính), sự kiện, phong trào "
        "và khen thưởng đã trao. Danh sách phân trang bằng con trỏ (cursor)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "POSTPROCESSING_HOOKS": ["api.schema.add_common_answers"],
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "clusters.models.Unit.Kind",
        "EventKindEnum": "clusters.models.Event.Kind",
        "AwardKindEnum": "clusters.models.Award.Kind",
        "SuccessionKindEnum": "clusters.models.Succession.Kind",
        "MembershipRoleEnum": "clusters.models.Membership.Role",
        "ParticipantRoleEnum": "clusters.models.Participant.Role",
        "BylineRoleEnum": "articles.models.Authorship.Role",
        "DisclosureEnum": "clusters.models.Official.Disclosure",
    },
}
# CORS for the API only, off unless origins are listed (e.g. https://app.example.vn).
CORS_ALLOWED_ORIGINS = env.listing("API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
CORS_ALLOW_CREDENTIALS = False
