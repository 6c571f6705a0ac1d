"""Forms of the rounds and decisions screens: they only parse input; council.services and results.services decide.

Required values the services check themselves (a round's name, a reopening note, a decision number)
are optional here so that the refusal, with its message, comes from the service and is audited.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop_rating import roles
from ocop_rating.models import CouncilMember, Dossier, EvaluationRound

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    """A native date picker (phones show their own calendar); the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput(), input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Ngày không hợp lệ (định dạng ngày/tháng/năm)."),
                        "required": _("Hãy chọn ngày.")},
    )


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


class SeatChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{user_label(obj.user)} ({obj.get_role_display()})"


class DossierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        title = obj.product_name or obj.product.get_title()
        return _("Hồ sơ #%(pk)s: %(title)s") % {"pk": obj.pk, "title": title}


class RoundCreateForm(forms.Form):
    name = forms.CharField(label=_("Tên đợt đánh giá"), max_length=200, required=False,
                           widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Đợt 2 năm 2026")}))
    opens_on = _date_field(_("Ngày mở đợt"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opens_on"].initial = timezone.localdate()


def seatable_users(*, evaluation_round: EvaluationRound, role: str):
    """Active users who may take ``role`` on the round's council and are not seated yet."""
    wanted = {
        CouncilMember.Role.CHAIR: (roles.COUNCIL_CHAIR,),
        CouncilMember.Role.SECRETARY: (roles.SECRETARIAT,),
    }.get(role, (roles.COUNCIL_MEMBER, roles.COUNCIL_CHAIR))
    return (
        get_user_model().objects.filter(is_active=True, groups__name__in=wanted)
        .exclude(pk__in=evaluation_round.council.values("user_id")).distinct().order_by("first_name", "last_name", "username")
    )


class CouncilSeatForm(forms.Form):
    """Seat one person as chair, member or secretary; ``role`` travels as a hidden field (one form per role)."""

    role = forms.ChoiceField(choices=CouncilMember.Role.choices, widget=forms.HiddenInput)
    user = UserChoiceField(
        label=_("Người được chọn"), queryset=get_user_model().objects.none(), empty_label=_("— chọn người —"),
        error_messages={"required": _("Hãy chọn người cần thêm vào hội đồng."),
                        "invalid_choice": _("Người được chọn không thể thêm vào hội đồng.")},
    )

    def __init__(self, *args, evaluation_round: EvaluationRound, role: str, **kwargs):
        kwargs.setdefault("auto_id", f"id_seat_{role}_%s")
        kwargs.setdefault("initial", {"role": role})
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = seatable_users(evaluation_round=evaluation_round, role=role)
        if role == CouncilMember.Role.CHAIR:
            self.fields["user"].label = _("Chủ tịch hội đồng")
        elif role == CouncilMember.Role.SECRETARY:
            self.fields["user"].label = _("Thư ký hội đồng (cán bộ cơ quan tham mưu OCOP, không chấm điểm)")
        else:
            self.fields["user"].label = _("Thành viên hội đồng")


def assignable_dossiers(*, evaluation_round: EvaluationRound):
    """Dossiers of the round's province the commune forwarded and no round has taken yet."""
    return (
        Dossier.objects.filter(status=Dossier.Status.FORWARDED, round__isnull=True,
                               province_code=evaluation_round.province_code)
        .select_related("product").order_by("submitted_at", "pk")
    )


class DossierAssignForm(forms.Form):
    dossier = DossierChoiceField(
        label=_("Hồ sơ xã đã chuyển lên"), queryset=Dossier.objects.none(), empty_label=_("— chọn hồ sơ —"),
        error_messages={"required": _("Hãy chọn hồ sơ cần phân công."),
                        "invalid_choice": _("Hồ sơ này không còn chờ phân công.")},
    )
    members = SeatChoiceField(
        label=_("Thành viên chấm (để trống: cả hội đồng)"), queryset=CouncilMember.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Chỉ phân công được thành viên của hội đồng đợt này.")},
    )

    def __init__(self, *args, evaluation_round: EvaluationRound, **kwargs):
        kwargs.setdefault("prefix", "assign")
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = assignable_dossiers(evaluation_round=evaluation_round)
        self.fields["members"].queryset = evaluation_round.council.filter(
            role__in=CouncilMember.SCORING_ROLES,
        ).select_related("user")


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("Lý do mở lại"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    """The province's recognition decision (the number is optional for 1★/2★: no certificate)."""

    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, required=False,
                                      widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: 123/QĐ-UBND")}))
    decision_date = _date_field(_("Ngày quyết định"), required=False)
    issued_on = _date_field(_("Ngày cấp giấy chứng nhận (để trống: ngày quyết định)"), required=False)


class CentralDecisionForm(forms.Form):
    """The Ministry's 5★ decision on a result the province proposed."""

    decision_number = forms.CharField(label=_("Số quyết định của Bộ Nông nghiệp và Môi trường"), max_length=64,
                                      required=False,
                                      widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: 77/QĐ-BNNMT")}))
    decision_date = _date_field(_("Ngày quyết định của Bộ"), required=False)
    issued_on = _date_field(_("Ngày cấp giấy chứng nhận (để trống: ngày quyết định)"), required=False)


class CentralRefusalForm(forms.Form):
    """The central council scored the product below 90: its score and the province's decision on it."""

    prefix = "refusal"

    central_score = forms.DecimalField(
        label=_("Điểm của hội đồng trung ương"), min_value=0, max_value=Decimal("89.99"), decimal_places=2,
        max_digits=5, error_messages={
            "required": _("Hãy nhập điểm của hội đồng trung ương."),
            "invalid": _("Hãy nhập điểm bằng số, ví dụ 78.50."),
            "min_value": _("Điểm không được âm."),
            "max_value": _("Điểm phải dưới 90: từ 90 điểm trung ương công nhận 5 sao."),
            "max_decimal_places": _("Điểm có tối đa 2 chữ số thập phân."),
            "max_digits": _("Điểm phải dưới 90: từ 90 điểm trung ương công nhận 5 sao."),
        },
    )
    decision_number = forms.CharField(label=_("Số quyết định công nhận của tỉnh (để trống nếu dưới 50 điểm)"),
                                      max_length=64, required=False,
                                      widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: 123/QĐ-UBND")}))
    decision_date = _date_field(_("Ngày quyết định của tỉnh"), required=False)
    issued_on = _date_field(_("Ngày cấp giấy chứng nhận (để trống: ngày quyết định)"), required=False)
