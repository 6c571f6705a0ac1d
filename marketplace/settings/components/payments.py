"""Payments: the shop's bank account for transfers by VietQR, and how long an unpaid transfer holds its stock.

All three VIETQR_* unset hides bank transfer at checkout; partly set is refused at start-up
(marketplace.payments.apps). VIETQR_BANK_BIN is the bank's 6-digit NAPAS BIN (970436 Vietcombank,
970418 BIDV, 970405 Agribank...).
"""

from .. import base_env as _base_env

VIETQR_BANK_BIN = _base_env.env("VIETQR_BANK_BIN", default="")
VIETQR_ACCOUNT_NUMBER = _base_env.env("VIETQR_ACCOUNT_NUMBER", default="")
VIETQR_ACCOUNT_NAME = _base_env.env("VIETQR_ACCOUNT_NAME", default="")
# An order waiting for its transfer is cancelled (its stock released) this many hours after it was placed.
VIETQR_TRANSFER_EXPIRY_HOURS = _base_env.env.int("VIETQR_TRANSFER_EXPIRY_HOURS", default=48)
