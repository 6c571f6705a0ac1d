"""The search page's query string, read leniently: a value that cannot be used is dropped, never an error.

Shoppers share, bookmark and mistype search URLs; bots send anything. A facet value that is not a number, names
nothing (a producer id that does not exist) or repeats is left out, a sort nobody offers means relevance, and a
page that is not a number means the first page, so the page always answers with results and never a 500.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalog.models import ProductGroup, ProductSet
from marketplace.core.divisions import province_name, ward_name
from marketplace.producers.models import Producer

from .types import MAX_PER_PAGE, MAX_QUERY_CHARS, PRICE_BAND_BY_KEY, SearchFilters, Sort

# Ids and division codes are ASCII digits (str.isdigit() also accepts "²", which int() refuses).
NUMBER = re.compile(r"[0-9]{1,9}", re.ASCII)
# More values than this in one facet is not a shopper ticking boxes; the rest are ignored.
MAX_VALUES_PER_FACET = 20
# Pages past the last give the last page (api.search); this only keeps the number a sane size.
MAX_PAGE = 100_000
STAR_VALUES = (5, 4, 3)

SORT_CHOICES = [
    (Sort.RELEVANCE, _("Phù hợp nhất")),
    (Sort.NEWEST, _("Mới nhất")),
    (Sort.PRICE_ASC, _("Giá tăng dần")),
    (Sort.PRICE_DESC, _("Giá giảm dần")),
    (Sort.STARS_DESC, _("Hạng sao cao nhất")),
]


def _number(raw) -> int | None:
    return int(raw) if isinstance(raw, str) and NUMBER.fullmatch(raw.strip()) else None


def _star(raw) -> int | None:
    stars = _number(raw)
    return stars if stars in STAR_VALUES else None


def _price_band(raw) -> str | None:
    return raw if isinstance(raw, str) and raw in PRICE_BAND_BY_KEY else None


class LenientMultipleField(forms.Field):
    """Several values of one query parameter (``?set=3&set=7``); each one ``coerce`` refuses is dropped."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, coerce, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.coerce = coerce

    def to_python(self, value):
        raw_values = value if isinstance(value, list | tuple) else ([value] if value else [])
        kept: list = []
        for raw in raw_values:
            item = self.coerce(raw)
            if item is not None and item not in kept:
                kept.append(item)
            if len(kept) == MAX_VALUES_PER_FACET:
                break
        return tuple(kept)

    def validate(self, value):
        """Nothing to refuse: what could not be used was dropped by ``to_python``."""


class LenientChoiceField(forms.ChoiceField):
    """One choice; anything else is the field's initial value rather than an error."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if self.valid_value(value) else self.initial

    def validate(self, value):
        """Nothing to refuse (see ``to_python``)."""


class LenientQueryField(forms.CharField):
    """The words typed: stripped and cut to what a search reads; characters a database refuses are removed."""

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=True, **kwargs)
        self.validators = []  # Django's null-character validator would drop the whole query

    def to_python(self, value):
        value = value if isinstance(value, str) else ""
        return value.replace("\x00", "").strip()[:MAX_QUERY_CHARS]


class LenientFlagField(forms.Field):
    """A box ticked in the form ("1"; "on", "true" and "yes" too); any other value means unticked."""

    widget = forms.HiddenInput  # the raw value: CheckboxInput would turn "maybe" into True
    TICKED = frozenset({"1", "on", "true", "yes"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return isinstance(value, str) and value.strip().lower() in self.TICKED


class LenientNumberField(forms.Field):
    """A whole number from 1 to ``maximum``; anything that is not a number is ``default``."""

    widget = forms.HiddenInput

    def __init__(self, *, default: int, maximum: int, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.default, self.maximum = default, maximum

    def to_python(self, value):
        number = _number(value)
        return min(max(1, number), self.maximum) if number is not None else self.default


@dataclass(frozen=True)
class SearchParams:
    """What the page asks ``api.search``; ``labels`` names each active facet value (param -> value -> label)."""

    query: str
    filters: SearchFilters
    sort: str
    page: int
    per_page: int
    labels: dict[str, dict]
    default_sort: str = Sort.RELEVANCE


class ProductSearchForm(forms.Form):
    """The search page's parameters: q, stars, group, set, province, ward, producer, price, in_stock, sort, page
    and per_page (at most 100)."""

    q = LenientQueryField(label=_("Tìm sản phẩm"))
    stars = LenientMultipleField(coerce=_star, label=_("Hạng sao OCOP"))
    group = LenientMultipleField(coerce=_number, label=_("Ngành hàng"))
    set = LenientMultipleField(coerce=_number, label=_("Bộ sản phẩm"))
    province = LenientMultipleField(coerce=_number, label=_("Tỉnh/Thành phố"))
    ward = LenientMultipleField(coerce=_number, label=_("Xã/Phường"))
    producer = LenientMultipleField(coerce=_number, label=_("Chủ thể sản xuất"))
    price = LenientMultipleField(coerce=_price_band, label=_("Khoảng giá"))
    in_stock = LenientFlagField(label=_("Còn hàng"))
    sort = LenientChoiceField(label=_("Sắp xếp"), choices=SORT_CHOICES, required=False, initial=Sort.RELEVANCE)
    page = LenientNumberField(default=1, maximum=MAX_PAGE)
    per_page = LenientNumberField(default=settings.OSCAR_PRODUCTS_PER_PAGE, maximum=MAX_PER_PAGE)

    def __init__(self, *args, reads_query: bool = True, **kwargs):
        """``reads_query=False`` for the catalogue's lists: no words, so newest first and no "most relevant"."""
        super().__init__(*args, **kwargs)
        self.labels: dict[str, dict] = {}
        self.default_sort = Sort.RELEVANCE if reads_query else Sort.NEWEST
        self.fields["sort"].initial = self.default_sort
        if not reads_query:
            del self.fields["q"]
            self.fields["sort"].choices = [c for c in SORT_CHOICES if c[0] != Sort.RELEVANCE]

    # Values that name nothing are dropped here, and the others get their label (one query per facet used).
    def clean_group(self):
        return self._known("group", {g.pk: g.display_name for g in ProductGroup.objects.filter(
            pk__in=self.cleaned_data["group"])})

    def clean_set(self):
        return self._known("set", {s.pk: s.display_name for s in ProductSet.objects.filter(
            pk__in=self.cleaned_data["set"])})

    def clean_producer(self):
        return self._known("producer", dict(Producer.objects.filter(pk__in=self.cleaned_data["producer"])
                                            .values_list("pk", "name")))

    def clean_province(self):
        return self._known("province", {code: province_name(code) for code in self.cleaned_data["province"]})

    def clean_ward(self):
        return self._known("ward", {code: ward_name(code) for code in self.cleaned_data["ward"]})

    def clean_stars(self):
        return self._known("stars", {stars: str(stars) for stars in self.cleaned_data["stars"]})

    def clean_price(self):
        return self._known("price", {key: str(PRICE_BAND_BY_KEY[key].label) for key in self.cleaned_data["price"]})

    def _known(self, name: str, labels: dict) -> tuple:
        values = tuple(value for value in self.cleaned_data[name] if labels.get(value))
        self.labels[name] = {value: labels[value] for value in values}
        return values

    def search_params(self) -> SearchParams:
        """The validated parameters; the form is always valid (see the module docstring)."""
        self.is_valid()
        data = self.cleaned_data
        return SearchParams(
            query=data.get("q", ""),
            filters=SearchFilters(
                stars=data.get("stars", ()),
                group_ids=data.get("group", ()),
                set_ids=data.get("set", ()),
                province_codes=data.get("province", ()),
                ward_codes=data.get("ward", ()),
                producer_ids=data.get("producer", ()),
                price_bands=data.get("price", ()),
                in_stock=bool(data.get("in_stock")),
            ),
            sort=data.get("sort") or self.default_sort,
            page=data.get("page") or 1,
            per_page=data.get("per_page") or settings.OSCAR_PRODUCTS_PER_PAGE,
            labels=self.labels,
            default_sort=self.default_sort,
        )
