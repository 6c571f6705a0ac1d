"""Forms of the portal's own pages: choosing the producer to work for."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.producers.models import Producer


class ProducerChoiceForm(forms.Form):
    """Pick one producer among ``producers`` (a user's own, or every producer for assisted listing)."""

    producer = forms.ModelChoiceField(
        label=_("Chủ thể"), queryset=Producer.objects.none(), empty_label=None,
        error_messages={"invalid_choice": _("Chủ thể không hợp lệ.")},
    )

    def __init__(self, *args, producers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producers
