"""Forms of the listings pages: they parse what the producer typed; services.py decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import ProductSet
from marketplace.core.divisions import THANH_HOA, ward_choices

from .services import (
    DESCRIPTION_MAX_CHARS,
    PRICE_MAX,
    SHELF_LIFE_MAX_DAYS,
    STOCK_MAX,
    VOLUME_MAX_ML,
    WEIGHT_MAX_GRAMS,
    ListingData,
)


class ProductSetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ProductForm(forms.Form):
    """A product as the producer describes it, in four short sections (see the template)."""

    ocop_set = ProductSetChoiceField(
        label=_("Loại sản phẩm OCOP"), queryset=ProductSet.objects.order_by("number"),
        empty_label=_("— Chọn loại sản phẩm —"),
        error_messages={"invalid_choice": _("Loại sản phẩm không hợp lệ."),
                        "required": _("Hãy chọn loại sản phẩm.")},
    )
    title = forms.CharField(label=_("Tên sản phẩm"), max_length=255,
                            error_messages={"required": _("Hãy nhập tên sản phẩm.")})
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DESCRIPTION_MAX_CHARS,
        help_text=_("Tối đa %(max)s ký tự. Xuống dòng hai lần để tách đoạn.") % {"max": DESCRIPTION_MAX_CHARS},
        error_messages={"max_length": _("Mô tả dài tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d).")},
    )
    price = forms.IntegerField(
        label=_("Giá bán (đồng)"), min_value=1, max_value=PRICE_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
        error_messages={"required": _("Hãy nhập giá bán."), "invalid": _("Giá bán là số đồng, không có phần lẻ."),
                        "min_value": _("Giá bán phải lớn hơn 0 đồng."),
                        "max_value": _("Giá bán tối đa 1.000.000.000 đồng.")},
    )
    num_in_stock = forms.IntegerField(
        label=_("Số lượng còn bán"), min_value=0, max_value=STOCK_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": _("Hãy nhập số lượng còn bán."), "invalid": _("Số lượng là số nguyên."),
                        "min_value": _("Số lượng tồn kho không được âm."),
                        "max_value": _("Số lượng còn bán tối đa %(limit_value)s.")},
    )
    stock_seen = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput)
    weight_grams = forms.IntegerField(
        label=_("Khối lượng (gam)"), min_value=0, max_value=WEIGHT_MAX_GRAMS, initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"min_value": _("Khối lượng không được âm."), "required": _("Hãy nhập khối lượng."),
                        "max_value": _("Khối lượng tối đa %(limit_value)s gam.")},
    )
    volume_ml = forms.IntegerField(
        label=_("Thể tích (ml)"), min_value=0, max_value=VOLUME_MAX_ML, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"min_value": _("Thể tích không được âm."),
                        "max_value": _("Thể tích tối đa %(limit_value)s ml.")},
    )
    shelf_life_days = forms.IntegerField(
        label=_("Hạn sử dụng (ngày)"), min_value=0, max_value=SHELF_LIFE_MAX_DAYS, required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"min_value": _("Hạn sử dụng không được âm."),
                        "max_value": _("Hạn sử dụng tối đa %(limit_value)s ngày.")},
    )
    origin_ward_code = forms.TypedChoiceField(
        label=_("Xã/phường xuất xứ"), coerce=int, choices=(),
        error_messages={"invalid_choice": _("Xã/phường không thuộc tỉnh Thanh Hóa."),
                        "required": _("Hãy chọn xã/phường xuất xứ.")},
    )
    is_public = forms.BooleanField(label=_("Hiện trên sàn cho khách mua"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin_ward_code"].choices = [("", _("— Chọn xã/phường —")), *ward_choices(THANH_HOA)]
        for name, field in self.fields.items():
            if name not in {"is_public", "stock_seen"}:
                field.widget.attrs.setdefault("class", "form-control")

    def listing_data(self) -> ListingData:
        data = self.cleaned_data
        return ListingData(
            ocop_set=data["ocop_set"], title=data["title"].strip(), description=data["description"],
            price=data["price"], num_in_stock=data["num_in_stock"], weight_grams=data["weight_grams"],
            volume_ml=data["volume_ml"], shelf_life_days=data["shelf_life_days"],
            origin_ward_code=data["origin_ward_code"], is_public=data["is_public"],
        )


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Every chosen file, as a list (their content is checked by the service)."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultiplePhotoField, self).clean(item, initial) for item in files]


class PhotoUploadForm(forms.Form):
    """One or more photos, straight from the phone's camera."""

    photos = MultiplePhotoField(
        label=_("Chụp hoặc chọn ảnh"), required=False,
        widget=MultiplePhotoInput(attrs={"accept": "image/*,.heic,.heif", "capture": "environment", "multiple": True}),
        help_text=_("Mỗi ảnh tối đa 15 MB. Ảnh đầu tiên là ảnh chính trên sàn."),
    )
