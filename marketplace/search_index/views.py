"""The shop's search page (/shop/search/) and the header box's suggestions; both read the index through ``api``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView, View
from oscar.core.loading import get_model

from catalog import views as catalog_views
from catalog.models import Product, ProductGroup, ProductSet
from catalog.selectors import product_card_queryset
from marketplace.producers.models import Producer

from . import api
from .forms import ProductSearchForm, SearchParams
from .types import MAX_QUERY_CHARS, PRICE_BAND_BY_KEY, FacetValue, SearchFilters, SearchResult

# The exceptions meaning "the search backend cannot answer now" (a cluster down): the page says so with a 503
# instead of a server error. The database backend's own failures are real errors.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (api.SearchUnavailable,)

Category = get_model("catalogue", "Category")

SUGGEST_CACHE_SECONDS = 60
STAR_LABELS = {5: _("5 sao"), 4: _("4 sao"), 3: _("3 sao")}
# The facets in the order the page shows them: (query parameter, legend).
FACET_LEGENDS = (
    ("stars", _("Hạng sao OCOP")),
    ("group", _("Ngành hàng")),
    ("set", _("Bộ sản phẩm")),
    ("province", _("Tỉnh/Thành phố")),
    ("ward", _("Xã/Phường")),
    ("producer", _("Chủ thể sản xuất")),
    ("price", _("Khoảng giá")),
)
# Query parameter -> the facet's field in ``Facets`` and in ``SearchFilters``.
FACET_FIELDS = {
    "stars": ("stars", "stars"), "group": ("group", "group_ids"), "set": ("set", "set_ids"),
    "province": ("province", "province_codes"), "ward": ("ward", "ward_codes"),
    "producer": ("producer", "producer_ids"), "price": ("price", "price_bands"),
}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class FacetBlock:
    param: str
    legend: str
    options: list[FacetOption]


@dataclass(frozen=True)
class Chip:
    """An active filter and the address of the same search without it."""

    label: str
    url: str


@dataclass(frozen=True)
class ResultPages:
    """What site/pagination.html reads from ``paginator`` and ``page_obj``, for a page of search hits."""

    number: int
    num_pages: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def params_query(params: SearchParams, *, without: tuple[str, object] | None = None,
                 hidden: frozenset[str] = frozenset()) -> QueryDict:
    """The canonical query string of a search (no page), optionally without one facet value.

    ``hidden`` facets are fixed by the page itself (a producer's page): its address already says them.
    """
    query = QueryDict(mutable=True)
    if params.query:
        query["q"] = params.query
    for param, (_facet, filter_field) in FACET_FIELDS.items():
        values = [v for v in getattr(params.filters, filter_field) if (param, v) != without]
        if values and param not in hidden:
            query.setlist(param, [str(v) for v in values])
    if params.filters.in_stock and without != ("in_stock", True):
        query["in_stock"] = "1"
    if params.sort != params.default_sort:
        query["sort"] = params.sort
    if params.per_page != settings.OSCAR_PRODUCTS_PER_PAGE:
        query["per_page"] = str(params.per_page)
    return query


def _localized_names(model, ids) -> dict[int, str]:
    return {row.pk: row.display_name for row in model.objects.filter(pk__in=list(ids))} if ids else {}


def _labels(result: SearchResult, params: SearchParams) -> dict[str, dict]:
    """Labels of every facet value shown: the index's, groups and sets in the page's language."""
    labels: dict[str, dict] = {param: {} for param in FACET_FIELDS}
    for param, (facet, _field) in FACET_FIELDS.items():
        labels[param].update({value.value: value.label for value in getattr(result.facets, facet)})
        labels[param].update(params.labels.get(param, {}))
    labels["stars"] = {stars: str(label) for stars, label in STAR_LABELS.items()}
    labels["price"] = {key: str(band.label) for key, band in PRICE_BAND_BY_KEY.items()}
    labels["group"].update(_localized_names(ProductGroup, labels["group"]))
    labels["set"].update(_localized_names(ProductSet, labels["set"]))
    return labels


def facet_blocks(result: SearchResult, params: SearchParams, labels: dict[str, dict],
                 hidden: frozenset[str] = frozenset()) -> list[FacetBlock]:
    """The facets with their counts; a chosen value the results no longer count is still shown, ticked."""
    blocks = []
    for param, legend in FACET_LEGENDS:
        if param in hidden:
            continue
        facet, filter_field = FACET_FIELDS[param]
        chosen = getattr(params.filters, filter_field)
        counted: list[FacetValue] = getattr(result.facets, facet)
        options = [FacetOption(value=str(v.value), label=labels[param].get(v.value, v.label), count=v.count,
                               checked=v.value in chosen) for v in counted]
        shown = {v.value for v in counted}
        options += [FacetOption(value=str(value), label=labels[param].get(value, str(value)), count=0, checked=True)
                    for value in chosen if value not in shown]
        if options:
            blocks.append(FacetBlock(param=param, legend=str(legend), options=options))
    return blocks


def active_chips(params: SearchParams, labels: dict[str, dict], path: str,
                 hidden: frozenset[str] = frozenset()) -> list[Chip]:
    chips = []
    for param, (_facet, filter_field) in FACET_FIELDS.items():
        if param in hidden:
            continue
        for value in getattr(params.filters, filter_field):
            query = params_query(params, without=(param, value), hidden=hidden)
            chips.append(Chip(label=labels[param].get(value, str(value)), url=_url(path, query)))
    if params.filters.in_stock:
        query = params_query(params, without=("in_stock", True), hidden=hidden)
        chips.append(Chip(label=str(_("Còn hàng")), url=_url(path, query)))
    return chips


def _url(path: str, query: QueryDict) -> str:
    return f"{path}?{query.urlencode()}" if query else path


def products_in_hit_order(product_ids: list[int]) -> list[Product]:
    """The products of a page of hits, in the hits' order, in one query set with what the cards need.

    A hit whose product has stopped being listed since it was indexed is left out.
    """
    products = {product.pk: product for product in product_card_queryset().filter(pk__in=product_ids)}
    return [products[pk] for pk in product_ids if pk in products]


class SearchUnavailableError(Exception):
    """The backend could not answer (one of ``UNAVAILABLE_ERRORS``): the page says so with a 503."""


class ProductSearchMixin:
    """Products from ``api.search`` with the search page's facets, active filters, sort and pages.

    The search page reads the shopper's words; the catalogue's lists (everything, a category, a producer) read
    none and fix a facet instead (``fixed_filters``), which then has neither checkboxes nor a chip.
    """

    reads_query = True

    def fixed_filters(self) -> dict[str, tuple]:
        """Facet values the page itself stands for, by query parameter (``{"producer": (7,)}``)."""
        return {}

    def search_context(self) -> dict:
        request = self.request
        fixed = self.fixed_filters()
        hidden = frozenset(fixed)
        form = ProductSearchForm(request.GET, reads_query=self.reads_query)
        params = form.search_params()
        params = replace(params, filters=replace(
            params.filters, **{FACET_FIELDS[param][1]: values for param, values in fixed.items()}))
        try:
            result = api.search(params.query, filters=params.filters, sort=params.sort, page=params.page,
                                per_page=params.per_page)
        except UNAVAILABLE_ERRORS as error:
            raise SearchUnavailableError from error
        labels = _labels(result, params)
        pages = ResultPages(number=result.page, num_pages=result.num_pages, count=result.total)
        chips = active_chips(params, labels, request.path, hidden)
        base = params_query(replace(params, filters=SearchFilters(), sort=params.default_sort), hidden=hidden)
        return {
            "form": form,
            "query": params.query,
            "result": result,
            "products": products_in_hit_order(result.product_ids),
            "facets": facet_blocks(result, params, labels, hidden),
            "in_stock_count": result.facets.in_stock,
            "in_stock_checked": params.filters.in_stock,
            "chips": chips,
            "clear_filters_url": _url(request.path, base),
            "paginator": pages,
            "page_obj": pages,
            "querystring": params_query(params, hidden=hidden).urlencode(),
            "per_page_param": params.per_page if params.per_page != settings.OSCAR_PRODUCTS_PER_PAGE else None,
        }


class SearchView(ProductSearchMixin, View):
    """Search results with facets, active filters, sort and pages; noindex (robots.txt disallows it too)."""

    template_name = "oscar/search/results.html"

    def get(self, request, *args, **kwargs):
        try:
            context = self.search_context()
        except SearchUnavailableError:
            query = ProductSearchForm(request.GET).search_params().query
            return render(request, self.template_name, {"unavailable": True, "query": query, "search_query": query},
                          status=503)
        return render(request, self.template_name, {**context, "search_query": context["query"]})


class ProductListView(ProductSearchMixin, TemplateView):
    """A list of the catalogue (all products, a category, a producer's) read from the index, newest first."""

    reads_query = False
    template_name = "oscar/catalogue/browse.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except SearchUnavailableError:
            return render(request, "oscar/search/results.html", {"unavailable": True}, status=503)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.search_context()}


class CatalogueView(ProductListView):
    """/shop/catalogue/: every listed product."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "summary": _("Tất cả sản phẩm OCOP")}


class ProductCategoryView(ProductListView):
    """A category page: the products of the OCOP product group or set the category mirrors.

    The address is the category's canonical one (an outdated slug redirects). A category staff made that
    mirrors no group or set has no facet to stand for: it keeps the catalogue's own database list.
    """

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.select_related("ocop_group", "ocop_set"), pk=kwargs["pk"])
        expected = self.category.get_absolute_url()
        if unquote(request.path) != unquote(expected):
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return redirect(expected + query, permanent=True)
        if not self.fixed_filters():
            return catalog_views.ProductCategoryView.as_view()(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def fixed_filters(self) -> dict[str, tuple]:
        product_set = getattr(self.category, "ocop_set", None)
        if product_set is not None:
            return {"set": (product_set.pk,)}
        group = getattr(self.category, "ocop_group", None)
        return {"group": (group.pk,)} if group is not None else {}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "category": self.category,
                "summary": self.category.display_name}


class ProducerDetailView(ProductListView):
    """A producer's page (/shop/producers/<slug>/): who they are, where, their story, and their products."""

    template_name = "producers/producer_detail.html"

    def get(self, request, *args, **kwargs):
        self.producer = get_object_or_404(Producer, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def fixed_filters(self) -> dict[str, tuple]:
        return {"producer": (self.producer.pk,)}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "producer": self.producer, "fixed_producer": self.producer,
                "summary": self.producer.name}


def _query_only(query: str) -> QueryDict:
    only = QueryDict(mutable=True)
    if query:
        only["q"] = query
    return only


def _suggest_cache_key(query: str) -> str:
    digest = hashlib.sha256(query.encode()).hexdigest()
    return f"search:suggest:{get_language()}:{digest}"


@require_GET
def suggest_json(request):
    """``[{"title", "url"}]``: up to 8 products for what is typed in the header box; [] for nothing or too much.

    Public and the same for everyone, so browsers and the cache keep it a minute (per language).
    """
    raw = request.GET.get("q", "")
    query = raw.strip()
    items: list[dict] = []
    if query and len(raw) <= MAX_QUERY_CHARS and "\x00" not in query:
        key = _suggest_cache_key(query)
        items = cache.get(key)
        if items is None:
            suggestions = api.suggest(query)
            slugs = dict(Product.objects.filter(pk__in=[s.product_id for s in suggestions]).values_list("pk", "slug"))
            items = [
                {"title": s.title, "url": Product(pk=s.product_id, slug=slugs[s.product_id]).get_absolute_url()}
                for s in suggestions if s.product_id in slugs
            ]
            cache.set(key, items, SUGGEST_CACHE_SECONDS)
    response = JsonResponse(items, safe=False)
    patch_cache_control(response, public=True, max_age=SUGGEST_CACHE_SECONDS)
    patch_vary_headers(response, ["Accept-Language"])
    return response
