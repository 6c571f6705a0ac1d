"""Forms of onboarding: they parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.address_forms import ProvinceWardFieldsMixin
from marketplace.core.phone import normalise_vietnamese_phone
from marketplace.producers.models import Producer, ProducerApplicationDocument

DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png"
DOCUMENT_FIELDS = (
    ("document_registration", ProducerApplicationDocument.Kind.BUSINESS_REGISTRATION),
    ("document_representative", ProducerApplicationDocument.Kind.REPRESENTATIVE_ID),
    ("document_other", ProducerApplicationDocument.Kind.OTHER),
)


def _document_field(label, *, required: bool) -> forms.FileField:
    return forms.FileField(
        label=label, required=required, help_text=_("PDF, JPEG hoặc PNG, tối đa 10 MB. Có thể chụp bằng điện thoại."),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        error_messages={"required": _("Hãy gửi giấy đăng ký kinh doanh.")},
    )


class ProducerApplicationForm(ProvinceWardFieldsMixin, forms.Form):
    """The application to sell: who the producer is, where, how to reach and pay them, and 1–3 documents."""

    legal_form = forms.ChoiceField(label=_("Loại hình"), choices=Producer.LegalForm.choices)
    name = forms.CharField(label=_("Tên chủ thể"), max_length=255,
                           help_text=_("Tên ghi trên giấy đăng ký kinh doanh."))
    tax_code = forms.CharField(label=_("Mã số thuế / số đăng ký kinh doanh"), max_length=32)
    legal_representative = forms.CharField(label=_("Người đại diện theo pháp luật"), max_length=255)
    address_line = forms.CharField(label=_("Địa chỉ (thôn, số nhà)"), max_length=255, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    bank_name = forms.CharField(label=_("Ngân hàng nhận tiền"), max_length=128)
    bank_account_number = forms.RegexField(
        label=_("Số tài khoản nhận tiền"), max_length=32, regex=r"^[0-9]{6,20}$",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Số tài khoản chỉ gồm chữ số (6–20 số).")},
    )
    bank_account_holder = forms.CharField(label=_("Chủ tài khoản"), max_length=255)
    document_registration = _document_field(_("Giấy đăng ký kinh doanh"), required=True)
    document_representative = _document_field(_("Giấy tờ tùy thân của người đại diện (không bắt buộc)"),
                                              required=False)
    document_other = _document_field(_("Tài liệu khác (không bắt buộc)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province_ward_setup()

    def clean_phone(self):
        return normalise_vietnamese_phone(self.cleaned_data.get("phone", ""))

    def documents(self) -> list[tuple[str, object]]:
        """The uploaded documents as (kind, file), in the order of the form."""
        return [(kind, self.cleaned_data[field]) for field, kind in DOCUMENT_FIELDS if self.cleaned_data.get(field)]


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": _("Hãy ghi lý do từ chối.")},
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Thư điện tử của người được mời"), max_length=254)
