"""`{% site_chrome as chrome %}`: the operator's contacts and the header and footer menus (site settings), cached."""

from django import template

from marketplace.cms.trust.selectors import site_chrome as site_chrome_select

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context) -> dict | None:
    """The chrome for the page's request, or None when the template is rendered without one."""
    return site_chrome_select(request=context.get("request"))
