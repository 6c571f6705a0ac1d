"""Content-Security-Policy (django-csp 4) on every response: scripts only from our own static files.

No inline script runs. The storefront's and portal's code is in static files (themes/static/js/); the
one inline script left is Oscar's page initialisation (its templates fill ``onbodyload`` with calls
such as ``oscar.basket.init(...)``), which our ``oscar/base.html`` marks with the request's nonce,
so the header carries a nonce only on pages that have one. Wagtail's date pickers are started from a
static file too (marketplace/cms/templates/wagtailadmin/widgets/). ``<script type="application/json">``
is data, never executed, and needs nothing.

Styles: <style> elements and stylesheets only from 'self', but style *attributes* are allowed
(``style-src-attr 'unsafe-inline'``): Oscar's templates (basket, dashboard) and Bootstrap, Wagtail
and Django admin's scripts set them. An attribute cannot load anything, hold selectors or reach
other elements, so allowing them does not open the attribute-selector and @import leaks that
inline <style> would.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# The one inline event handler the Wagtail admin runs: the image editor's focal-point cropper
# (wagtailimages/js/vendor/jquery.Jcrop.min.js) probes for touch support with
# ``div.setAttribute("ontouchstart" | "ontouchmove" | "ontouchend", "return;")`` on a detached
# element. 'unsafe-hashes' with the SHA-256 of exactly that text (``return;``) allows it and no other handler
# (a test recomputes the hash from the vendor file, so a Wagtail upgrade that changes it fails).
JCROP_TOUCH_PROBE_HANDLER_HASH = "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"

# The Wagtail admin (marketplace.core.content_security.SiteCSPMiddleware): its editor's scripts
# (the rich-text editor, the date picker) insert <style> elements, its image chooser previews files
# before upload (blob:), it shows the page preview in a frame of its own, and its cropper's touch
# probe sets the handler above.
CSP_WAGTAIL_ADMIN_PREFIX = "/cms/"
CSP_WAGTAIL_ADMIN_REPLACE = {
    "script-src-attr": [UNSAFE_HASHES, JCROP_TOUCH_PROBE_HANDLER_HASH],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}

# Wagtail's admin asks releases.wagtail.org for new versions and shows avatars from gravatar.com:
# third parties the policy does not allow (and that should not learn who works in our admin).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
