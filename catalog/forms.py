import re
from decimal import Decimal

from django import forms
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

from marketplace.core.divisions import province_choices, ward_choices
from marketplace.producers.models import Producer

from .selectors import ProductFilters, Sort

STAR_CHOICES = [(5, _("5 sao")), (4, _("4 sao")), (3, _("3 sao"))]
SORT_CHOICES = [
    (Sort.NEWEST, _("Mới nhất")),
    (Sort.PRICE_ASC, _("Giá tăng dần")),
    (Sort.PRICE_DESC, _("Giá giảm dần")),
    (Sort.STARS_DESC, _("Hạng sao cao nhất")),
]
# Prices a shopper may filter by, in whole đồng: the largest a stock record's price holds (12 digits, 2 decimal).
PRICE_LIMIT = Decimal(10**10 - 1)
# Province and ward codes are ASCII digits (str.isdigit() also accepts "²" and "１２", which int() refuses).
DIVISION_CODE = re.compile(r"[0-9]{1,9}", re.ASCII)


def division_code(value) -> int | None:
    """The province or ward code a query string names, or None when it names none."""
    return int(value) if isinstance(value, str) and DIVISION_CODE.fullmatch(value) else None


class ProducerField(forms.ModelChoiceField):
    """A producer by slug; anything that cannot be a slug is refused before the database is asked."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not slug_re.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PriceField(forms.DecimalField):
    """A price bound in whole đồng, from 0 to PRICE_LIMIT ("-0" is 0)."""

    default_error_messages = {
        "min_value": _("Giá không được âm."),
        "max_value": _("Giá không được vượt quá 9.999.999.999 ₫."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=PRICE_LIMIT, decimal_places=0, required=False, **kwargs)

    def clean(self, value):
        price = super().clean(value)
        return None if price is None else price + 0


class ProductFilterForm(forms.Form):
    """The catalogue's filters, read from the query string; invalid values are reported, not guessed."""

    stars = forms.TypedMultipleChoiceField(
        label=_("Hạng sao OCOP"), choices=STAR_CHOICES, coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
    )
    province = forms.TypedChoiceField(label=_("Tỉnh/Thành phố"), coerce=int, required=False, empty_value=None)
    ward = forms.TypedChoiceField(label=_("Xã/Phường"), coerce=int, required=False, empty_value=None)
    producer = ProducerField(
        label=_("Chủ thể sản xuất"), queryset=Producer.objects.order_by("name"), to_field_name="slug",
        required=False, empty_label=_("Tất cả chủ thể"),
    )
    price_min = PriceField(label=_("Giá từ (₫)"))
    price_max = PriceField(label=_("Giá đến (₫)"))
    sort = forms.ChoiceField(label=_("Sắp xếp"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, ward_codes: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("Tất cả tỉnh/thành")), *province_choices()]
        province = division_code(self.data.get("province"))
        wards = ward_choices(province) if province else []
        if ward_codes is not None:
            allowed = set(ward_codes)
            wards = [w for w in wards if w[0] in allowed]
        self.fields["ward"].choices = [("", _("Tất cả xã/phường")), *wards]
        self.fields["producer"].widget.attrs["class"] = "form-control"

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("price_min"), cleaned.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("Giá đến phải lớn hơn hoặc bằng giá từ."))
        return cleaned

    def to_filters(self, *, category_ids: tuple[int, ...] = ()) -> ProductFilters:
        data = self.cleaned_data if self.is_valid() else {}
        producer = data.get("producer")
        return ProductFilters(
            category_ids=category_ids,
            stars=tuple(data.get("stars") or ()),
            province_code=data.get("province"),
            ward_code=data.get("ward"),
            producer_id=producer.pk if producer else None,
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            sort=data.get("sort") or Sort.NEWEST,
        )

    @property
    def active_filter_count(self) -> int:
        if not self.is_valid():
            return 0
        return sum(1 for name in ("stars", "province", "ward", "producer", "price_min", "price_max")
                   if self.cleaned_data.get(name) not in (None, "", []))
