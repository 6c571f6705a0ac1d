"""Helpers of the rating portal's HTTP tests: post a page's form, read field errors, name URLs, fill sheets.

Signed-in clients come from the ``client_for`` fixture (tests/functional/conftest.py).
"""

import html
import re

from django.urls import reverse

from tests.rating import PLAN_83, plan_points, sheet_leaves

from .shop import csrf_token

FIELD_ERROR = re.compile(r'<p class="ocop-field-error[^"]*"[^>]*>(.*?)</p>', re.S)


def post_form(client, page_url: str, data: dict, *, action_url: str | None = None, follow=True):
    """GET the page, then POST its form with the page's CSRF token."""
    page = client.get(page_url)
    assert page.status_code == 200, f"GET {page_url}: {page.status_code}"
    return client.post(action_url or page_url, {"csrfmiddlewaretoken": csrf_token(page), **data}, follow=follow)


def field_errors(response) -> list[str]:
    return [html.unescape(text.strip()) for text in FIELD_ERROR.findall(response.content.decode())]


def url(name: str, dossier=None, **kwargs) -> str:
    if dossier is not None:
        kwargs["dossier_id"] = dossier.pk
    return reverse(f"ocop_rating:{name}", kwargs=kwargs or None)


def sheet_data(dossier, plan=PLAN_83, *, only=None, notes=True) -> dict:
    """The posted sheet for ``plan`` (binary leaves as yes/no), with an evidence note per leaf unless told not."""
    data = {}
    for code, leaf in sheet_leaves(dossier).items():
        if only is not None and code not in only:
            continue
        points = plan_points(leaf, plan)
        if leaf.is_binary:
            data[f"leaf-{leaf.pk}"] = "yes" if points == leaf.max_points else "no"
        else:
            data[f"leaf-{leaf.pk}"] = str(next(o.pk for o in leaf.options.all() if o.points == points))
        if notes:
            data[f"note-{leaf.pk}"] = f"minh chứng {code}"
    return data
