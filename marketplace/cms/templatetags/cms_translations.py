"""``{% language_versions as versions %}``: the language switch's links on a CMS page (its translations)."""

from django import template
from wagtail.models import Page

from marketplace.cms.translations import page_language_versions

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """A view's ``language_versions``, else the versions of the Wagtail page being shown; None off the CMS."""
    if context.get("language_versions") is not None:
        return context["language_versions"]
    page, request = context.get("page"), context.get("request")
    if isinstance(page, Page) and request is not None and page.pk:
        return page_language_versions(page=page, request=request)
    return None
