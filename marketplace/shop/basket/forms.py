"""Oscar's basket forms, with the saved-for-later form refusing a row that is not a saved line."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket import forms as oscar_forms


class SavedLineForm(oscar_forms.SavedLineForm):
    def clean(self):
        # A posted formset may claim more rows than were shown; Oscar's clean() would then read the
        # product of a line that does not exist (a server error). Only saved lines can be moved.
        if self.instance.pk is None:
            raise forms.ValidationError(_("Sản phẩm này không còn trong danh sách mua sau."))
        return super().clean()
