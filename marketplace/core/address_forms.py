"""One Vietnamese address form behaviour for checkout and the address book."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.core.divisions import THANH_HOA, province_choices, ward_choices, ward_province_code
from marketplace.core.phone import normalise_vietnamese_phone

ADDRESS_FIELDS = ["first_name", "phone_number", "province_code", "ward_code", "line1", "notes"]


class ProvinceWardFieldsMixin(forms.Form):
    """Province → commune/ward from the post-2025 list: the ward list follows the chosen province
    (Thanh Hóa by default), and a ward of another province is refused. Call province_ward_setup()
    from __init__; clean() checks the pair."""

    province_code = forms.TypedChoiceField(label=_("Tỉnh/Thành phố"), coerce=int, choices=())
    ward_code = forms.TypedChoiceField(
        label=_("Xã/Phường/Đặc khu"), coerce=int, choices=(),
        error_messages={"invalid_choice": _("Xã/phường đã chọn không thuộc tỉnh/thành phố này. Vui lòng chọn lại.")},
    )

    def province_ward_setup(self) -> None:
        self.fields["province_code"].choices = [("", _("— Chọn tỉnh/thành phố —")), *province_choices()]
        province = self._selected_province()
        self.fields["province_code"].initial = province
        self.fields["ward_code"].choices = [("", _("— Chọn xã/phường —")), *ward_choices(province)]
        self.fields["ward_code"].widget.attrs["data-ward-select"] = "1"
        self.fields["province_code"].widget.attrs["data-province-select"] = "1"

    def _selected_province(self) -> int:
        raw = self.data.get(self.add_prefix("province_code")) if self.is_bound else None
        instance = getattr(self, "instance", None)
        raw = raw or self.initial.get("province_code") or getattr(instance, "province_code", None)
        try:
            return int(raw) if raw else THANH_HOA
        except (TypeError, ValueError):
            return THANH_HOA

    def clean(self):
        cleaned = super().clean()
        province, ward = cleaned.get("province_code"), cleaned.get("ward_code")
        if province and ward and ward_province_code(ward) != province:
            self.add_error("ward_code", ValidationError(_("Xã/phường không thuộc tỉnh/thành phố đã chọn."), code="ward"))
        return cleaned


class VietnameseAddressFormMixin(ProvinceWardFieldsMixin, forms.ModelForm):
    """Full name, Vietnamese phone, province → commune/ward from the post-2025 list, street."""

    phone_number = forms.CharField(label=_("Số điện thoại"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].label = _("Họ và tên người nhận")
        self.fields["first_name"].required = True
        self.fields["line1"].label = _("Số nhà, tên đường, thôn/xóm")
        self.fields["line1"].required = True
        if "notes" in self.fields:
            self.fields["notes"].label = _("Ghi chú giao hàng")
            self.fields["notes"].widget.attrs["rows"] = 2
        self.province_ward_setup()
        if self.instance and self.instance.phone_number and not self.is_bound:
            self.initial["phone_number"] = self.instance.phone_number.as_national

    def clean_phone_number(self):
        return normalise_vietnamese_phone(self.cleaned_data.get("phone_number", ""))
