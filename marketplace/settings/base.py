"""Settings shared by every environment; components add one concern each."""

from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's OSCAR_* defaults, overridden below)

from .base_env import BASE_DIR, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-development-key-do-not-use-in-production")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# `load_demo_data` creates accounts for every role with published passwords: only where this is True.
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # the marketplace's own apps
    "marketplace.core",
    "marketplace.producers",
    "marketplace.outbox",
    "marketplace.payments",
    "marketplace.channels",
    "marketplace.search_index",
    "marketplace.cms",
    "ocop_rating",
    "marketplace.demo",
    # Oscar, with our forks replacing the stock apps they fork
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "marketplace.shop.checkout.apps.CheckoutConfig",
    "marketplace.shop.address.apps.AddressConfig",
    "marketplace.shop.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "oscar.apps.partner.apps.PartnerConfig",
    "marketplace.shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "marketplace.shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    # Oscar's search app without django-haystack: the search page goes through marketplace.search_index
    "marketplace.search_index.storefront.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "marketplace.shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "marketplace.channels.dashboard.apps.ChannelsDashboardConfig",
    "widget_tweaks",
    "treebeard",
    "django_tables2",
    # Wagtail (news and programme pages; mounted last in the URL map)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # English page trees (cms migration 0008 adds the English locale); wagtail_localize.locales replaces
    # wagtail.locales, the admin's locale management, with one that also syncs trees between languages.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "marketplace.core.content_security.SiteCSPMiddleware",
    "marketplace.core.middleware.RejectNullCharactersMiddleware",
    # (process_exception runs bottom-up: a path argument naming no row is a 404 before a refused value a 400)
    "marketplace.core.middleware.DatabaseRefusedValueMiddleware",
    "marketplace.core.middleware.PathArgumentNotFoundMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "marketplace.core.files.StoredFilesCleanupMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, as django-axes requires: turns a refused sign-in into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "themes" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "marketplace.core.context_processors.shop_name",
                "catalog.context_processors.navigation",
                "ocop_rating.context_processors.rating_portal",
                "marketplace.producers.portal.context_processors.producer_portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "marketplace.core.auth.LoginThrottleBackend",  # first: refuses locked accounts (django-axes)
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "marketplace.core.auth.UnlockOnPasswordChange"},
]
LOGIN_REDIRECT_URL = "customer:summary"
LOGIN_URL = "customer:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

SITE_ID = 1
# The public host name used in e-mails (order status links); the Site row is set by a migration.
SITE_DOMAIN = env("SITE_DOMAIN", default="127.0.0.1:8000")
# When set, /feeds/postal.xml and .csv answer only requests carrying it (?token= or Authorization: Bearer).
POSTAL_FEED_TOKEN = env("POSTAL_FEED_TOKEN", default="")
# The site's public address, for absolute links sent to outside systems (no request to take it from).
SITE_BASE_URL = env("SITE_BASE_URL", default="http://127.0.0.1:8000")
# Push to the postal channel's partner API (marketplace.channels.push): off while the URL is empty.
POSTAL_CHANNEL_URL = env("POSTAL_CHANNEL_URL", default="")
POSTAL_CHANNEL_TOKEN = env("POSTAL_CHANNEL_TOKEN", default="")
POSTAL_CHANNEL_BATCH_SIZE = env.int("POSTAL_CHANNEL_BATCH_SIZE", default=100)
POSTAL_CHANNEL_TIMEOUT_SECONDS = env.float("POSTAL_CHANNEL_TIMEOUT_SECONDS", default=15.0)
# The channel's published rate limit, shared by all workers through the cache (Redis in production).
POSTAL_CHANNEL_REQUESTS_PER_SECOND = env.int("POSTAL_CHANNEL_REQUESTS_PER_SECOND", default=5)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "themes" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Files only the application hands out, after a permission check (OCOP dossiers' evidence): never
# under MEDIA_ROOT, which the web server publishes as it is.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
# Both delete a file written by a transaction that rolls back (marketplace/core/files.py).
STORAGES = {
    "default": {"BACKEND": "marketplace.core.files.TransactionalFileSystemStorage"},
    "private": {
        "BACKEND": "marketplace.core.files.TransactionalFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-files-are-not-served/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Chợ OCOP Thanh Hóa <no-reply@ocop-thanhhoa.local>")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

from .components.axes import *  # noqa: E402, F403
from .components.celery import *  # noqa: E402, F403
from .components.csp import *  # noqa: E402, F403
from .components.logging import *  # noqa: E402, F403
from .components.ocop_office import *  # noqa: E402, F403
from .components.oscar import *  # noqa: E402, F403
from .components.payments import *  # noqa: E402, F403
from .components.search import *  # noqa: E402, F403
from .components.wagtail import *  # noqa: E402, F403
