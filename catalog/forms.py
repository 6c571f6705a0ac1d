from django import forms
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


class ProductFilterForm(forms.Form):
    """The catalogue's filters, read from the query string; invalid values are reported, not guessed."""

    stars = forms.TypedMultipleChoiceField(
        label=_("Hạng sao OCOP"), choices=STAR_CHOICES, coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
    )
    province = forms.TypedChoiceField(label=_("Tỉnh/Thành phố"), coerce=int, required=False, empty_value=None)
    ward = forms.TypedChoiceField(label=_("Xã/Phường"), coerce=int, required=False, empty_value=None)
    producer = forms.ModelChoiceField(
        label=_("Chủ thể sản xuất"), queryset=Producer.objects.order_by("name"), to_field_name="slug",
        required=False, empty_label=_("Tất cả chủ thể"),
    )
    price_min = forms.DecimalField(label=_("Giá từ (₫)"), min_value=0, decimal_places=0, required=False)
    price_max = forms.DecimalField(label=_("Giá đến (₫)"), min_value=0, decimal_places=0, required=False)
    sort = forms.ChoiceField(label=_("Sắp xếp"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, ward_codes: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("Tất cả tỉnh/thành")), *province_choices()]
        province = self.data.get("province")
        wards = ward_choices(int(province)) if province and str(province).isdigit() else []
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
