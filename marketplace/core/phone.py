"""Vietnamese phone numbers: accept 0912 345 678 / +84 912 345 678, store E.164."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A courier must be able to call the recipient: no premium-rate, toll-free or shared-cost numbers.
REACHABLE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def normalise_vietnamese_phone(raw: str) -> str:
    """Return the number in E.164 (+849...) or raise ValidationError with a readable message."""
    message = _("Số điện thoại không hợp lệ. Nhập số di động hoặc cố định Việt Nam, ví dụ 0912 345 678.")
    try:
        number = phonenumbers.parse((raw or "").strip(), "VN")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(message, code="phone") from exc
    if (
        number.country_code != 84
        or not phonenumbers.is_valid_number_for_region(number, "VN")
        or phonenumbers.number_type(number) not in REACHABLE_TYPES
    ):
        raise ValidationError(message, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
