"""Who the public contacts about OCOP certificates (shown when a code is not in the register)."""

from django.utils.translation import gettext_lazy as _

from .. import base_env as _base_env

OCOP_OFFICE_NAME = _base_env.env("OCOP_OFFICE_NAME", default="") or _(
    "Văn phòng Điều phối nông thôn mới tỉnh Thanh Hóa (cơ quan thường trực Chương trình OCOP của tỉnh)"
)
OCOP_OFFICE_PHONE = _base_env.env("OCOP_OFFICE_PHONE", default="")
OCOP_OFFICE_EMAIL = _base_env.env("OCOP_OFFICE_EMAIL", default="")
