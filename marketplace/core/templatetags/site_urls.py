"""Absolute links in e-mails: on the host the request came to, when there is one."""

from django import template
from oscar.templatetags.url_tags import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def site_url(context, path: str) -> str:
    """Return `path` as an absolute URL on the request's scheme and host, else on the configured Site.

    The host of a request is one of ALLOWED_HOSTS (Django refuses the others before any view runs);
    e-mails rendered outside a request (Celery tasks) fall back to the Site row and OSCAR_URL_SCHEMA.
    """
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(path)
    return absolute_url(context["site"].domain, path)
