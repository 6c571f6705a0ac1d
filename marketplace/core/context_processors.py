"""Context every page gets from the project itself; each app adds its own (catalog, ocop_rating).

Core imports nothing of ours (import-linter's layers contract in pyproject.toml): the product menu
comes from ``catalog.context_processors`` and the rating portal link from
``ocop_rating.context_processors``.
"""

from django.conf import settings


def shop_name(request):
    """Expose the shop's name as SHOP_NAME."""
    return {"SHOP_NAME": settings.OSCAR_SHOP_NAME}
