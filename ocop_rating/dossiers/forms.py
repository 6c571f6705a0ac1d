"""Forms of the producer's dossier screens and the commune officer's check; they parse, services decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from catalog.models import Product, ProductSet
from marketplace.core.phone import normalise_vietnamese_phone
from ocop_rating.dossiers.services import REGISTRATION_FIELDS, CommuneCheck
from ocop_rating.models import MAX_EVIDENCE_BYTES, Dossier, EvidenceFile

EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png"


def _bootstrap(form: forms.Form) -> None:
    """Give text inputs, selects and textareas Bootstrap's class (radios and files keep theirs)."""
    for field in form.fields.values():
        if not isinstance(field.widget, (forms.RadioSelect, forms.ClearableFileInput)):
            field.widget.attrs.setdefault("class", "form-control")


class RegistrationFieldsMixin(forms.Form):
    """The Mẫu 01 fields (dossiers.REGISTRATION_FIELDS); none is required until submission."""

    legal_representative_name = forms.CharField(
        label=_("Họ tên người đại diện theo pháp luật"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    legal_representative_gender = forms.ChoiceField(
        label=_("Giới tính"), required=False,
        choices=[("", _("— Chọn giới tính —")), *Dossier.Gender.choices],
    )
    legal_representative_ethnicity = forms.CharField(label=_("Dân tộc"), max_length=60, required=False,
                                                     help_text=_("Ví dụ: Kinh, Mường, Thái."))
    contact_phone = forms.CharField(
        label=_("Số điện thoại liên hệ"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    business_registration_number = forms.CharField(label=_("Số đăng ký kinh doanh"), max_length=60, required=False)
    product_name = forms.CharField(label=_("Tên sản phẩm đăng ký"), max_length=255, required=False)
    sample_count = forms.IntegerField(
        label=_("Số lượng mẫu sản phẩm gửi kèm"), min_value=0, max_value=1000, required=False,
        help_text=_("Thường là 5 mẫu; sản phẩm du lịch không gửi mẫu."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Số lượng mẫu phải là số nguyên không âm."),
                        "min_value": _("Số lượng mẫu phải là số nguyên không âm.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean_contact_phone(self) -> str:
        raw = (self.cleaned_data.get("contact_phone") or "").strip()
        return normalise_vietnamese_phone(raw) if raw else ""

    def registration(self, *, only_filled: bool) -> dict:
        """The cleaned Mẫu 01 values for dossier_create/dossier_registration_set (empty ones dropped if asked)."""
        values = {}
        for name in REGISTRATION_FIELDS:
            value = self.cleaned_data.get(name)
            if name == "sample_count":
                if value is None and only_filled:
                    continue
                values[name] = value or 0
                continue
            value = (value or "").strip()
            if value or not only_filled:
                values[name] = value
        return values


class RegistrationForm(RegistrationFieldsMixin):
    """Mẫu 01: phiếu đăng ký sản phẩm."""


class ProductSetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ProductSet) -> str:
        return str(obj)


def product_set_choices() -> list:
    """The 26 sets grouped by product group (ngành), for a select with optgroups."""
    groups: dict = {}
    for product_set in ProductSet.objects.select_related("group").order_by("group__position", "number"):
        groups.setdefault(str(product_set.group), []).append((product_set.pk, str(product_set)))
    return [("", _("— Theo bộ sản phẩm của sản phẩm —")), *groups.items()]


class DossierCreateForm(RegistrationFieldsMixin):
    """A new dossier: one of the producer's own products, the kind, the set, and optionally Mẫu 01 ahead."""

    product = forms.ModelChoiceField(
        label=_("Sản phẩm đăng ký đánh giá"), queryset=None, empty_label=_("— Chọn sản phẩm —"),
        error_messages={
            "required": _("Hãy chọn sản phẩm cần đánh giá."),
            "invalid_choice": _("Chỉ được chọn sản phẩm của chủ thể mình."),
        },
    )
    kind = forms.ChoiceField(label=_("Loại đánh giá"), choices=Dossier.Kind.choices, initial=Dossier.Kind.FIRST,
                             widget=forms.RadioSelect)
    product_set = forms.TypedChoiceField(
        label=_("Bộ sản phẩm (phiếu đánh giá)"), required=False, coerce=int, empty_value=None,
        help_text=_("Để trống thì dùng bộ sản phẩm đã ghi cho sản phẩm."),
    )

    field_order = ["product", "kind", "product_set"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        products = Product.objects.filter(producer__partner__users=user).select_related("ocop_set").order_by("title")
        self.fields["product"].queryset = products
        self.fields["product_set"].choices = product_set_choices()
        # (pk, title, set pk) per product: the page pre-selects the product's set from these.
        self.product_options = [(p.pk, p.get_title(), p.ocop_set_id) for p in products]
        if len(self.product_options) == 1 and not self.is_bound:
            product_pk, _title, set_pk = self.product_options[0]
            self.initial.setdefault("product", product_pk)
            self.initial.setdefault("product_set", set_pk)

    def clean_product_set(self) -> ProductSet | None:
        pk = self.cleaned_data.get("product_set")
        return ProductSet.objects.get(pk=pk) if pk else None

    def registration_fields(self) -> list:
        """The optional Mẫu 01 fields, in form order (the bound fields after product, kind and set)."""
        return [field for field in self if field.name not in self.field_order]


class EvidenceUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại minh chứng"), choices=[("", _("— Chọn loại —")), *EvidenceFile.Kind.choices],
                             error_messages={"required": _("Hãy chọn loại minh chứng.")})
    file = forms.FileField(
        label=_("Tệp (PDF, JPEG hoặc PNG, tối đa 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        error_messages={"required": _("Hãy chọn tệp cần tải lên."), "empty": _("Tệp rỗng.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("Tệp quá lớn: tối đa 10 MB."), code="too_big")
        return uploaded


COMMUNE_ITEMS = (
    ("local_raw_materials", _("Nguyên liệu địa phương")),
    ("local_labour", _("Lao động địa phương")),
    ("idea_origin", _("Nguồn gốc ý tưởng sản phẩm")),
    ("local_identity", _("Tính đặc trưng, bản sắc địa phương")),
)
PASSED, FAILED = "pass", "fail"


class CommuneForwardForm(forms.Form):
    """The four local items of Mẫu 03, each đạt/không đạt with a note (needed when not met)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in COMMUNE_ITEMS:
            self.fields[f"{key}_ok"] = forms.ChoiceField(
                label=label, choices=[(PASSED, _("Đạt")), (FAILED, _("Không đạt"))], widget=forms.RadioSelect,
                error_messages={"required": _("Hãy chọn “đạt” hoặc “không đạt”.")},
            )
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("Ghi chú (bắt buộc nếu không đạt)"), required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        _bootstrap(self)

    def items(self) -> list[dict]:
        return [{"key": key, "label": label, "ok": self[f"{key}_ok"], "note": self[f"{key}_note"]}
                for key, label in COMMUNE_ITEMS]

    def check(self) -> CommuneCheck:
        data = self.cleaned_data
        values = {}
        for key, _label in COMMUNE_ITEMS:
            values[f"{key}_ok"] = data[f"{key}_ok"] == PASSED
            values[f"{key}_note"] = data[f"{key}_note"]
        return CommuneCheck(**values)


class CommuneReturnForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    # Not required here: the service refuses an empty reason with its own message.
    reason = forms.CharField(label=_("Lý do trả lại (chủ thể sẽ đọc để bổ sung)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
