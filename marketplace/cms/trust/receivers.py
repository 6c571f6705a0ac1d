"""Forget the cached header and footer when a page they may link to changes its title, URL or visibility."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .selectors import site_chrome_forget


def _forget(**kwargs) -> None:
    site_chrome_forget()


def connect() -> None:
    """Connect the receivers (CmsConfig.ready)."""
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_forget, dispatch_uid=f"cms.trust.site_chrome_forget.{id(signal)}")
    post_delete.connect(_forget, sender=Page, dispatch_uid="cms.trust.site_chrome_forget.page_delete")
