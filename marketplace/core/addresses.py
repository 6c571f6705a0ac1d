"""Vietnamese address columns shared by the address book and order addresses."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.core.divisions import (
    province_name,
    validate_province_code,
    validate_ward_code,
    ward_name,
    ward_province_code,
)


class VietnameseAddressMixin(models.Model):
    """Province + commune/ward after the 2025 reform; their names are copied into state/line4 for display."""

    province_code = models.PositiveIntegerField(
        _("tỉnh/thành phố"), null=True, blank=True, validators=[validate_province_code],
    )
    ward_code = models.PositiveIntegerField(_("xã/phường"), null=True, blank=True, validators=[validate_ward_code])

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_division_names()
        super().save(*args, **kwargs)

    def clean(self):
        if self.ward_code and ward_province_code(self.ward_code) != self.province_code:
            raise ValidationError({"ward_code": _("Xã/phường không thuộc tỉnh/thành phố đã chọn.")})
        self.fill_division_names()
        super().clean()

    def fill_division_names(self) -> None:
        """Copy the ward and province names into Oscar's display lines (line4 = ward, state = province)."""
        if self.ward_code:
            self.line4 = ward_name(self.ward_code)
        if self.province_code:
            self.state = province_name(self.province_code)
