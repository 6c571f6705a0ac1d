"""The embedded default for `make run`: SQLite, tasks in process, database search."""

from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)  # noqa: F405

# Bank transfer by VietQR shows at checkout with a clearly fake demo account (BIDV's BIN; no such account)
# unless the environment names a real one; set all three VIETQR_* variables or none.
if not any(env(name, default="") for name in ("VIETQR_BANK_BIN", "VIETQR_ACCOUNT_NUMBER", "VIETQR_ACCOUNT_NAME")):  # noqa: F405
    VIETQR_BANK_BIN = "970418"
    VIETQR_ACCOUNT_NUMBER = "0000000000"
    VIETQR_ACCOUNT_NAME = "TAI KHOAN DEMO KHONG CHUYEN TIEN"
