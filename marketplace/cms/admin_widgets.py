"""Wagtail's chooser widgets (image, document, page, snippet and the viewsets' product and producer choosers)
without their inline script, which the Content-Security-Policy refuses.

``BaseChooser.render`` writes ``<script>new ImageChooser("id_hero_image", {...});</script>`` after the widget.
Here the same call is written as data (``<script type="application/json">``, never executed) and
js/wagtail-admin-init.js, loaded on every admin page (wagtail_hooks), makes the call: for the widgets on
the page when it loads, and for those an inline panel adds later (its "add" button inserts a form's HTML).
"""

from __future__ import annotations

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser


def _render_without_inline_script(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = json.dumps(self.get_js_init_options(id_, name, value_data)).replace("<", "\\u003c")
    init = format_html(
        '<script type="application/json" data-chooser-widget="{}" data-target="{}">{}</script>',
        self.js_constructor, id_, mark_safe(options),  # noqa: S308 - JSON with "<" escaped, cannot close the tag
    )
    return mark_safe(f"{widget_html}{init}")  # noqa: S308 - the widget's own HTML, as Wagtail returns it


def chooser_widgets_patch() -> None:
    """Make every Wagtail chooser widget start from js/wagtail-admin-init.js (called once, at start-up)."""
    BaseChooser.render = _render_without_inline_script
