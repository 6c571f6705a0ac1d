"""GET /healthz: is the database reachable, and the broker and search when configured."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER or url.startswith("memory://"):
        return "in-process"
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    return "ok"


def _check_search() -> str:
    if not settings.ELASTICSEARCH_URL:
        return "database"
    import urllib.request

    with urllib.request.urlopen(settings.ELASTICSEARCH_URL.rstrip("/") + "/_cluster/health", timeout=2):  # noqa: S310
        return "ok"


CHECKS = {"database": _check_database, "broker": _check_broker, "search": _check_search}


@never_cache
@require_GET
def healthz(request):
    """Answer 200 when every configured dependency answers, 503 naming the ones that do not."""
    report, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure of a dependency is an unhealthy answer
            logger.warning("healthz: %s unreachable: %s", name, exc)
            report[name] = "error"
            healthy = False
    report["status"] = "ok" if healthy else "error"
    return JsonResponse(report, status=200 if healthy else 503)
