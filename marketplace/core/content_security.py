"""The Content-Security-Policy middleware: django-csp's, with the Wagtail admin's exceptions by path."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    """Set the site's policy (settings.CONTENT_SECURITY_POLICY) on every response.

    Under the Wagtail admin (``CSP_WAGTAIL_ADMIN_PREFIX``) the directives of ``CSP_WAGTAIL_ADMIN_REPLACE``
    replace the site's: its editor's scripts add <style> elements and show the page preview in a frame.
    Scripts stay as strict there as everywhere; the only inline code allowed is, by its hash, the one
    event handler text the image cropper sets (settings.JCROP_TOUCH_PROBE_HANDLER_HASH).
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.CSP_WAGTAIL_ADMIN_PREFIX):
            parts.replace = {**settings.CSP_WAGTAIL_ADMIN_REPLACE, **(parts.replace or {})}
        return parts
