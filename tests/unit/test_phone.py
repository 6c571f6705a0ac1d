"""Vietnamese phone numbers: national or international input, stored in E.164."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace.core.phone import normalise_vietnamese_phone

MESSAGE_VI = "Số điện thoại không hợp lệ. Nhập số di động hoặc cố định Việt Nam, ví dụ 0912 345 678."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("  0912345678 ", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("0862 345 678", "+84862345678"),
        ("0237 3852 123", "+842373852123"),  # Thanh Hóa landline
        ("024 3823 4567", "+842438234567"),  # Hà Nội landline
    ],
)
def test_valid_vietnamese_numbers_become_e164(raw, expected):
    # given a mobile or landline number as a shopper types it, when normalised, then E.164 comes out
    assert normalise_vietnamese_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "abc",
        "12345",
        "0912 345 67",  # one digit short
        "0123 456 789",  # retired 11-digit prefix
        "+1 202 555 0143",  # not Vietnamese
        "+66 81 234 5678",  # Thai mobile
        "1900 1234",  # premium-rate hotline: no courier can call a recipient there
        "1800 1234",  # toll-free hotline
    ],
)
def test_wrong_numbers_raise_vietnamese_message(raw):
    # given a number that is not a Vietnamese mobile or landline, when normalised
    with translation.override("vi"), pytest.raises(ValidationError) as excinfo:
        normalise_vietnamese_phone(raw)

    # then the error says so in Vietnamese
    assert excinfo.value.code == "phone"
    assert excinfo.value.messages == [MESSAGE_VI]


def test_none_is_rejected_not_crashing():
    # given no input at all, when normalised, then it is a validation error rather than a TypeError
    with pytest.raises(ValidationError) as excinfo:
        normalise_vietnamese_phone(None)

    assert excinfo.value.code == "phone"
