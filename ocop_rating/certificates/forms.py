"""Forms of the certificate register."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop_rating.certificates.models import Certificate
from ocop_rating.council.forms import DATE_INPUT_FORMATS
from ocop_rating.dashboard.selectors import CERTIFIED_STARS, CertificateFilter


class CertificateSearchForm(forms.Form):
    """The certificate list's GET parameters; a value that does not parse is simply not applied."""

    q = forms.CharField(label=_("Mã số hoặc tên sản phẩm"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, widget=forms.Select(attrs={"class": "form-control"}),
        choices=[
            ("", _("Tất cả trạng thái")),
            (CertificateFilter.ACTIVE, Certificate.Status.ACTIVE.label),
            (CertificateFilter.EXPIRED, Certificate.Status.EXPIRED.label),
            (CertificateFilter.REVOKED, Certificate.Status.REVOKED.label),
        ],
    )
    stars = forms.TypedChoiceField(
        label=_("Hạng sao"), required=False, coerce=int, empty_value=None,
        widget=forms.Select(attrs={"class": "form-control"}),
        choices=[("", _("Tất cả hạng sao")), *[(str(s), _("%(stars)s sao") % {"stars": s}) for s in CERTIFIED_STARS]],
    )

    def filters(self) -> dict:
        """The filters to apply: the valid fields only (an unknown status or star level is dropped)."""
        self.is_valid()  # cleaned_data then holds only the fields that parsed
        return {
            "query": self.cleaned_data.get("q") or "",
            "status": self.cleaned_data.get("status") or "",
            "stars": self.cleaned_data.get("stars"),
        }


class CertificateRevokeForm(forms.Form):
    """The revocation decision as the secretariat records it; certificates.certificate_revoke does the rest."""

    reason = forms.CharField(
        label=_("Lý do thu hồi"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Cần ghi rõ lý do thu hồi giấy chứng nhận.")},
    )
    decision_number = forms.CharField(
        label=_("Số quyết định thu hồi"), max_length=64,
        error_messages={"required": _("Cần số quyết định thu hồi giấy chứng nhận.")},
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: 215/QĐ-UBND"), "autocomplete": "off"}),
    )
    revoked_on = forms.DateField(
        label=_("Ngày quyết định thu hồi"), input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Cần ngày thu hồi giấy chứng nhận."),
            "invalid": _("Ngày thu hồi không hợp lệ (định dạng ngày/tháng/năm)."),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, certificate: Certificate, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.certificate = certificate
        self.today = today

    def clean_revoked_on(self) -> datetime.date:
        revoked_on = self.cleaned_data["revoked_on"]
        if revoked_on > self.today:
            raise forms.ValidationError(_("Ngày thu hồi không được sau ngày hôm nay."))
        if revoked_on < self.certificate.issued_on:
            raise forms.ValidationError(
                _("Ngày thu hồi không được trước ngày cấp giấy chứng nhận (%(date)s).")
                % {"date": self.certificate.issued_on.strftime("%d/%m/%Y")}
            )
        return revoked_on
