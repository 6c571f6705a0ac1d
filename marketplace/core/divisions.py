"""Vietnam's post-1 July 2025 administrative units (province → commune/ward), from `vietnam-provinces`."""

from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from vietnam_provinces import Province, ProvinceCode, Ward, WardCode

THANH_HOA = 38


@cache
def _provinces() -> dict[int, Province]:
    return {int(p.code): p for p in sorted(Province.iter_all(), key=lambda p: p.codename)}


@cache
def _wards() -> dict[int, Ward]:
    return {int(w.code): w for w in Ward.iter_all()}


@cache
def wards_by_province() -> dict[int, list[tuple[int, str]]]:
    grouped: dict[int, list[tuple[int, str]]] = {}
    for ward in sorted(_wards().values(), key=lambda w: w.codename):
        grouped.setdefault(int(ward.province_code), []).append((int(ward.code), ward.name))
    return grouped


def province_choices() -> list[tuple[int, str]]:
    return [(code, p.name) for code, p in _provinces().items()]


def ward_choices(province_code: int | None) -> list[tuple[int, str]]:
    return wards_by_province().get(province_code or 0, [])


def province_name(code: int | None) -> str:
    province = _provinces().get(code or 0)
    return province.name if province else ""


def ward_name(code: int | None) -> str:
    ward = _wards().get(code or 0)
    return ward.name if ward else ""


def ward_province_code(code: int) -> int | None:
    ward = _wards().get(code)
    return int(ward.province_code) if ward else None


def validate_province_code(value: int) -> None:
    if value not in _provinces():
        raise ValidationError(_("Mã tỉnh/thành phố %(code)s không tồn tại."), params={"code": value}, code="province")


def validate_ward_code(value: int) -> None:
    if value not in _wards():
        raise ValidationError(_("Mã xã/phường %(code)s không tồn tại."), params={"code": value}, code="ward")


__all__ = [
    "THANH_HOA", "ProvinceCode", "WardCode", "province_choices", "ward_choices", "province_name",
    "ward_name", "ward_province_code", "validate_province_code", "validate_ward_code", "wards_by_province",
]


class DivisionNames:
    """``ward_name`` and ``province_name`` of an object's ``ward_code`` and ``province_code`` (a model mixin)."""

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)
