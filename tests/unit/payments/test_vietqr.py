"""The VietQR payload a banking app reads: decoded back by vietnam-qr-pay and by an independent EMVCo/CRC check."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from vietnam_qr_pay import QRPay

from marketplace.payments.services import payment_reference_for
from marketplace.payments.vietqr import (
    BankAccount,
    png_data_uri,
    qr_png,
    vietqr_account,
    vietqr_payload,
)

ACCOUNT = BankAccount(bin="970436", number="0123456789", name="HTX CHO OCOP THANH HOA")


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), bit by bit."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def tlv(payload: str) -> dict[str, str]:
    """Split an EMVCo string into its top-level ID → value fields."""
    fields, rest = {}, payload
    while rest:
        field_id, length = rest[:2], int(rest[2:4])
        fields[field_id] = rest[4:4 + length]
        rest = rest[4 + length:]
    return fields


def test_crc_helper_matches_the_standard_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_payload_decodes_back_with_the_library():
    payload = vietqr_payload(account=ACCOUNT, amount=Decimal("147000"), reference="OCOP100042")

    decoded = QRPay(payload)

    assert decoded.is_valid
    assert decoded.provider.guid == "A000000727"
    assert decoded.provider.service == "QRIBFTTA"
    assert (decoded.consumer.bank_bin, decoded.consumer.bank_number) == ("970436", "0123456789")
    assert decoded.amount == "147000"
    assert decoded.currency == "704"
    assert decoded.nation == "VN"
    assert decoded.additional_data.purpose == "OCOP100042"
    assert decoded.init_method == "12"


def test_payload_fields_and_crc_by_an_independent_reading():
    payload = vietqr_payload(account=ACCOUNT, amount=Decimal("147000"), reference="OCOP100042")

    fields = tlv(payload)

    # the last field is the CRC over everything before its value, ID and length included
    assert payload[-8:-4] == "6304"
    assert fields["63"] == f"{crc16_ccitt_false(payload[:-4].encode('ascii')):04X}"
    assert fields["00"] == "01"
    assert fields["53"] == "704"
    assert fields["54"] == "147000"
    assert fields["58"] == "VN"
    merchant = tlv(fields["38"])
    assert merchant["00"] == "A000000727"
    assert merchant["02"] == "QRIBFTTA"
    assert tlv(merchant["01"]) == {"00": "970436", "01": "0123456789"}
    assert tlv(fields["62"]) == {"08": "OCOP100042"}


def test_a_corrupted_payload_fails_the_crc():
    payload = vietqr_payload(account=ACCOUNT, amount=Decimal("147000"), reference="OCOP100042")
    tampered = payload.replace("147000", "147001")

    assert QRPay(tampered).is_valid is False
    assert f"{crc16_ccitt_false(tampered[:-4].encode()):04X}" != tampered[-4:]


def test_amount_is_whole_dong_never_times_100():
    payload = vietqr_payload(account=ACCOUNT, amount=Decimal("125000"), reference="OCOP1")
    assert tlv(payload)["54"] == "125000"


def test_qr_png_is_a_png_and_a_data_uri():
    png = qr_png("000201")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_data_uri(png).startswith("data:image/png;base64,iVBORw0KGgo")


@pytest.mark.parametrize(("number", "reference"), [("100042", "OCOP100042"), ("1", "OCOP1"),
                                                   ("123456789012345", "OCOP123456789012345")])
def test_reference_is_ocop_and_the_order_number(number, reference):
    assert payment_reference_for(number) == reference
    assert len(reference) <= 19
    assert reference.isascii() and reference.isalnum() and reference.upper() == reference


@pytest.mark.parametrize("number", ["1234567890123456", "", "10-42", "１２３", "A100"])
def test_reference_refuses_numbers_that_cannot_fit(number):
    with pytest.raises(ValueError):
        payment_reference_for(number)


def test_account_unset_hides_the_method(settings):
    settings.VIETQR_BANK_BIN = settings.VIETQR_ACCOUNT_NUMBER = settings.VIETQR_ACCOUNT_NAME = ""
    assert vietqr_account() is None


def test_account_from_settings(shop_bank_account):
    account = vietqr_account()
    assert account == ACCOUNT
    assert (account.bank_short_name, account.bank_name) == ("Vietcombank", "Ngân hàng TMCP Ngoại Thương Việt Nam")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"VIETQR_ACCOUNT_NAME": ""}, "partly configured: set VIETQR_ACCOUNT_NAME too"),
    ({"VIETQR_BANK_BIN": "", "VIETQR_ACCOUNT_NAME": ""}, "set VIETQR_BANK_BIN, VIETQR_ACCOUNT_NAME too"),
    ({"VIETQR_BANK_BIN": "123456"}, "VIETQR_BANK_BIN='123456' is not the 6-digit NAPAS BIN"),
    ({"VIETQR_ACCOUNT_NUMBER": "0123 456"}, "VIETQR_ACCOUNT_NUMBER='0123 456': 1 to 19 letters or digits"),
])
def test_account_partly_or_wrongly_set_is_refused(shop_bank_account, settings, overrides, message):
    for name, value in overrides.items():
        setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        vietqr_account()
    assert message in str(refused.value)


def test_start_up_refuses_a_partial_account(shop_bank_account, settings):
    from django.apps import apps

    settings.VIETQR_ACCOUNT_NUMBER = ""
    with pytest.raises(ImproperlyConfigured):
        apps.get_app_config("payments").ready()
