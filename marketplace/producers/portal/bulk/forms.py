"""Forms of the bulk import: the uploaded file, and one spreadsheet row parsed exactly as the product form."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.producers.portal.listings.forms import ProductForm

from . import files

# Vietnamese write 98.000 (or 98 000, or 98,000 from an English Excel) for ninety-eight thousand.
THOUSANDS = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
INTEGER_KEYS = ("price", "num_in_stock", "weight_grams", "volume_ml", "shelf_life_days", "origin_ward_code")
YES_WORDS = {"có", "co", "c", "x", "1", "yes", "y", "true", "đúng", "dung"}
NO_WORDS = {"không", "khong", "k", "0", "no", "n", "false", "sai"}


def integer_text(text: str) -> str:
    """A whole number as typed in a spreadsheet, thousands separators removed ("98.000" → "98000")."""
    text = text.strip()
    return re.sub(r"[.,\s]", "", text) if THOUSANDS.match(text) else text


class ImportUploadForm(forms.Form):
    """The CSV or XLSX file a producer exported (or filled from the template), read into rows."""

    file = forms.FileField(
        label=_("File sản phẩm (CSV hoặc Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".csv,.xlsx,text/csv,{files.XLSX_MIME}",
                                               "class": "form-control-file"}),
        help_text=_("Tối đa 2 MB và 5.000 dòng sản phẩm. Dòng 1 là tiêu đề cột như trong file mẫu."),
        error_messages={"required": _("Hãy chọn file CSV hoặc Excel (.xlsx)."),
                        "empty": _("File trống."), "invalid": _("Không nhận được file. Hãy chọn lại.")},
    )

    def clean_file(self) -> files.Table:
        upload = self.cleaned_data["file"]
        name = upload.name or "file"
        # Django has spooled the upload; its size is known before anything is read.
        if upload.size > files.MAX_BYTES:
            raise forms.ValidationError(
                _("File “%(name)s” quá lớn: tối đa %(mb)s MB. Hãy chia thành nhiều file nhỏ hơn.")
                % {"name": name, "mb": files.MAX_BYTES // (1024 * 1024)}, code="too_big")
        upload.seek(0)
        self.file_name = name
        return files.table_read(name=name, content=upload.read())


class ProductSetNumberField(forms.Field):
    """An OCOP product set by its official number (1-26), from the sets read once for the whole file."""

    default_error_messages = {
        "required": _("Hãy ghi mã bộ sản phẩm OCOP (số từ 1 đến 26)."),
        "invalid": _("Mã bộ sản phẩm là số từ 1 đến 26."),
    }

    def __init__(self, *, product_sets: dict, **kwargs):
        self.product_sets = product_sets
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or int(text) not in self.product_sets:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return self.product_sets[int(text)]


class YesNoField(forms.Field):
    """“có” or “không” (also yes/no, x, 1/0, TRUE/FALSE from Excel)."""

    default_error_messages = {
        "required": _("Hãy ghi “có” hoặc “không”."),
        "invalid": _("Hãy ghi “có” hoặc “không”."),
    }

    def to_python(self, value):
        text = (value or "").strip().casefold()
        if not text:
            return None
        if text in YES_WORDS or text == str(_("có")).casefold():
            return True
        if text in NO_WORDS or text == str(_("không")).casefold():
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        if value is None:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class ProductRowForm(ProductForm):
    """Spreadsheet rows parsed by the product form's own fields (set by number, shown as “có”/“không”).

    Built once per file and bound to each row in turn by ``bind``: building the form (its fields and the
    commune/ward choices) costs more than checking a row.
    """

    def __init__(self, *, product_sets: dict):
        super().__init__()
        self.fields["ocop_set"] = ProductSetNumberField(label=self.fields["ocop_set"].label, product_sets=product_sets)
        self.fields["is_public"] = YesNoField(label=self.fields["is_public"].label)

    def bind(self, cells: dict[str, str]) -> ProductRowForm:
        """Bind the form to one row's cells, forgetting the previous row's data and errors."""
        data = {key: cells.get(key, "") for key in ("title", "description", "ocop_set", "is_public")}
        data.update({key: integer_text(cells.get(key, "")) for key in INTEGER_KEYS})
        self.data, self.is_bound, self._errors = data, True, None
        return self
