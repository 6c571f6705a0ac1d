"""The contact form: who (name, and a phone or an e-mail to answer), what about, the message; a honeypot for bots."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.core.phone import normalise_vietnamese_phone

from .models import ContactSubject

HONEYPOT_FIELD = "website"


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=100)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    email = forms.EmailField(label=_("Thư điện tử"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    subject = forms.ChoiceField(label=_("Chủ đề"), choices=[("", "—"), *ContactSubject.choices])
    message = forms.CharField(label=_("Nội dung"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
    # Hidden from people by the stylesheet (contact-form__trap); bots that fill every field fill it too.
    website = forms.CharField(label=_("Để trống ô này"), required=False, widget=forms.TextInput(
        attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        for name, field in self.fields.items():
            if name != HONEYPOT_FIELD:
                field.widget.attrs["class"] = "form-control"

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error under a field with the field itself.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-errors"})

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_vietnamese_phone(phone) if phone else ""

    def clean(self):
        cleaned = super().clean()
        if not self.errors.get("phone") and not self.errors.get("email") and not (
            cleaned.get("phone") or cleaned.get("email")
        ):
            raise ValidationError(
                _("Vui lòng để lại số điện thoại hoặc thư điện tử để chúng tôi trả lời bạn."), code="no_contact",
            )
        return cleaned

    @property
    def is_bot(self) -> bool:
        """Whether the honeypot was filled (checked after is_valid())."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())
