"""Bank transfer by VietQR (NAPAS 247): the shop's account from the environment, the EMVCo payload, its QR image.

The only module that builds VietQR payloads (package ``vietnam-qr-pay``) and their images (``segno``).
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from vietnam_qr_pay import BanksObject, QRPay
from vietnam_qr_pay.constants.banks import VietQRStatus

from .money import amount_to_minor_units

SETTING_NAMES = ("VIETQR_BANK_BIN", "VIETQR_ACCOUNT_NUMBER", "VIETQR_ACCOUNT_NAME")
_BANKS_BY_BIN = {bank.bin: bank for bank in BanksObject.values()
                 if bank.bin and bank.viet_qr_status != VietQRStatus.NOT_SUPPORTED and not bank.deprecated}
_ACCOUNT_NUMBER = re.compile(r"[0-9A-Za-z]{1,19}")


@dataclass(frozen=True)
class BankAccount:
    """The shop's account that receives transfers (NAPAS BIN of its bank, number, holder's name)."""

    bin: str
    number: str
    name: str

    @property
    def bank_short_name(self) -> str:
        return _BANKS_BY_BIN[self.bin].short_name

    @property
    def bank_name(self) -> str:
        return _BANKS_BY_BIN[self.bin].name


def vietqr_account() -> BankAccount | None:
    """Return the configured account, or None when none of its three settings is set (the method is hidden).

    Raises ImproperlyConfigured when the account is only partly set or a value cannot be right.
    """
    values = {name: str(getattr(settings, name, "") or "").strip() for name in SETTING_NAMES}
    if not any(values.values()):
        return None
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise ImproperlyConfigured(
            f"Bank transfer by VietQR is partly configured: set {', '.join(missing)} too, or unset all of "
            f"{', '.join(SETTING_NAMES)} to hide the method."
        )
    bank_bin, number, name = values["VIETQR_BANK_BIN"], values["VIETQR_ACCOUNT_NUMBER"], values["VIETQR_ACCOUNT_NAME"]
    if bank_bin not in _BANKS_BY_BIN:
        raise ImproperlyConfigured(
            f"VIETQR_BANK_BIN={bank_bin!r} is not the 6-digit NAPAS BIN of a bank that receives VietQR transfers "
            "(e.g. 970436 Vietcombank, 970418 BIDV, 970405 Agribank)."
        )
    if not _ACCOUNT_NUMBER.fullmatch(number):
        raise ImproperlyConfigured(f"VIETQR_ACCOUNT_NUMBER={number!r}: 1 to 19 letters or digits, no spaces.")
    if len(name) > 70:
        raise ImproperlyConfigured("VIETQR_ACCOUNT_NAME is longer than 70 characters.")
    return BankAccount(bin=bank_bin, number=number, name=name)


def vietqr_payload(*, account: BankAccount, amount: Decimal, reference: str) -> str:
    """Return the EMVCo payload (a string with its CRC) that a banking app reads: account, amount, transfer note."""
    qr = QRPay.init_viet_qr(
        bank_bin=account.bin, bank_number=account.number,
        amount=str(amount_to_minor_units(amount, "VND")), purpose=reference,
    )
    return qr.build()


def qr_png(payload: str, *, scale: int = 6) -> bytes:
    """Return a PNG of the payload's QR code, with the quiet zone scanners need."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def png_data_uri(png: bytes) -> str:
    """An ``img src`` the Content-Security-Policy allows (img-src data:) without another request."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
