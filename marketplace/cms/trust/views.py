"""The contact page: show the form, store a valid message and redirect (POST/redirect/GET) with the thanks."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from marketplace.core.auth import client_ip_address

from .forms import ContactForm
from .services import ContactRateLimited, contact_message_create

RATE_LIMITED_STATUS = 429


def _render(request: HttpRequest, page, form: ContactForm, *, refusal: str = "", status: int = 200) -> HttpResponse:
    context = page.get_context(request)
    context.update(form=form, refusal=refusal)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _thanked(request: HttpRequest, page) -> HttpResponse:
    messages.success(request, page.thank_you)
    return HttpResponseRedirect(page.get_url(request), status=303)


def contact_page_serve(request: HttpRequest, *, page) -> HttpResponse:
    """GET shows the form; POST stores the message or shows what to fix (nothing stored)."""
    if request.method != "POST":
        return _render(request, page, ContactForm())
    form = ContactForm(request.POST)
    if form.is_bot:
        # Thank the bot as a person would be thanked, so it learns nothing; nothing is stored or sent.
        return _thanked(request, page)
    if not form.is_valid():
        return _render(request, page, form)
    try:
        contact_message_create(
            page=page, ip_address=client_ip_address(request),
            **{field: form.cleaned_data[field] for field in ("name", "phone", "email", "subject", "message")},
        )
    except ContactRateLimited as refusal:
        return _render(request, page, form, refusal=str(refusal), status=RATE_LIMITED_STATUS)
    return _thanked(request, page)
