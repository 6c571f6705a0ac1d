"""Views of the rating app are thin: no ORM query in any ``ocop_rating/**/views.py``.

A view parses the request, reads through its stage's selectors.py, writes through its services.py and
renders. The check reads each module's syntax tree (nothing is imported or run) and flags what can only
be the ORM: a model's manager (``.objects``), ``get_object_or_404``, queryset methods (``.filter(``,
``.select_related(``, ``.exists()``, …), ``.values(…)`` with fields, ``.count()`` without an argument,
and any import from ``django.db``. Reading a relation the selector prefetched (``leaf.options.all()``)
is not a query and is allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ocop_rating

APP = Path(ocop_rating.__file__).parent
REPOSITORY = APP.parent

MANAGER_ATTRIBUTES = frozenset({"objects", "_default_manager", "_base_manager"})
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})
# Queryset methods no dict, list or str has (``values`` and ``count`` are checked by arity below).
QUERYSET_METHODS = frozenset({
    "filter", "exclude", "annotate", "alias", "aggregate", "select_related", "prefetch_related", "order_by",
    "distinct", "values_list", "select_for_update", "only", "defer", "raw", "extra", "exists", "first", "last",
    "earliest", "latest", "none", "union", "intersection", "difference", "using", "explain", "iterator",
    "in_bulk", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "aiterator", "acount",
    "aexists", "aget", "afirst", "alast",
})


def orm_uses(source: str) -> list[str]:
    """Return ``line: what`` for every ORM use in a module's source, in line order."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute) and node.attr in MANAGER_ATTRIBUTES:
            found.append((line, f".{node.attr}"))
        elif isinstance(node, ast.Name | ast.Attribute) and (getattr(node, "id", None) or node.attr) in SHORTCUTS:
            found.append((line, getattr(node, "id", None) or node.attr))
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").split(".")[:2] == ["django", "db"]:
                found.append((line, f"from {node.module} import …"))
            found += [(line, alias.name) for alias in node.names if alias.name in SHORTCUTS]
        elif isinstance(node, ast.Import):
            found += [(line, f"import {a.name}") for a in node.names if a.name.split(".")[:2] == ["django", "db"]]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, arguments = node.func.attr, node.args or node.keywords
            if method in QUERYSET_METHODS or (method == "values" and arguments) or (
                method == "count" and not arguments
            ):
                found.append((line, f".{method}("))
    return [f"{line}: {what}" for line, what in sorted(set(found))]


def _view_modules() -> list[str]:
    return sorted(str(path.relative_to(REPOSITORY)) for path in APP.rglob("views.py"))


def test_the_app_has_view_modules_to_check():
    # Given the rating app, when its view modules are listed, then every stage's views.py is there
    # (a wrong path would make the next test pass on nothing).
    assert _view_modules() == [
        "ocop_rating/certificates/views.py",
        "ocop_rating/council/views.py",
        "ocop_rating/dashboard/views.py",
        "ocop_rating/dossiers/views.py",
        "ocop_rating/public/views.py",
        "ocop_rating/results/views.py",
    ]


@pytest.mark.parametrize("module", _view_modules())
def test_a_view_module_runs_no_orm_query(module):
    # Given a view module of the rating app, when its syntax tree is read, then it uses no manager,
    # queryset method, get_object_or_404 or django.db import: its reads are in selectors.
    assert orm_uses((REPOSITORY / module).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("Dossier.objects.get(pk=1)", ["1: .objects"]),
        ("dossiers_visible_to(user=u).select_related('product')", ["1: .select_related("]),
        ("qs.filter(pk=1).exclude(status='draft')", ["1: .exclude(", "1: .filter("]),
        ("x = get_object_or_404(Dossier, pk=1)", ["1: get_object_or_404"]),
        ("from django.shortcuts import get_object_or_404, render", ["1: get_object_or_404"]),
        ("from django.db.models import Count", ["1: from django.db.models import …"]),
        ("from django.db import transaction", ["1: from django.db import …"]),
        ("import django.db", ["1: import django.db"]),
        ("pending.count()", ["1: .count("]),
        ("pending.first()", ["1: .first("]),
        ("user.ocop_communes.values('ward_code')", ["1: .values("]),
        ("rounds.annotate(n=Count('dossiers'))", ["1: .annotate("]),
        ("card.entries.exists()", ["1: .exists("]),
    ],
)
def test_the_check_flags_every_kind_of_query(source, flagged):
    # Given a line of view code that queries, when it is checked, then it is reported with its line.
    assert orm_uses(source) == flagged


@pytest.mark.parametrize(
    "source",
    [
        "request.POST.get('action', '')",
        "context.update({'a': 1})",
        "[1, 2].count(1)",
        "'a-b'.count('-')",
        "{'a': 1}.values()",
        "leaf.options.all()",
        "from django.shortcuts import redirect, render",
        "rows = dossiers_of_producer_staff(user=request.user)",
        "Dossier._meta.get_field('product_name').verbose_name",
    ],
)
def test_the_check_lets_plain_python_through(source):
    # Given view code that only reads dicts, lists, strings, prefetched relations or calls selectors,
    # when it is checked, then nothing is reported.
    assert orm_uses(source) == []
