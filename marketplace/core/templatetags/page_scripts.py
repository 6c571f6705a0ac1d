"""The one inline script our pages may carry: Oscar's page initialisation, marked with the CSP nonce."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


class OnloadScriptNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        code = self.nodelist.render(context).strip()
        if not code:
            return ""
        # Only read when there is code: reading the nonce is what adds it to the page's policy.
        request = context.get("request")
        nonce = getattr(request, "csp_nonce", "") if request is not None else ""
        return format_html('<script nonce="{}">\n$(function () {{\n{}\n}});\n</script>', nonce, mark_safe(code))  # noqa: S308


@register.tag
def onload_script(parser, token):
    """Wrap the enclosed JavaScript (template-written, never user input) in a nonce-marked ready handler.

    Renders nothing when the enclosed code is empty, so a page without initialisation has no inline
    script at all and its Content-Security-Policy carries no nonce.
    """
    nodelist = parser.parse(("endonload_script",))
    parser.delete_first_token()
    return OnloadScriptNode(nodelist)
