"""Public certificate check (no login): the page a package's QR opens, its PDF and its QR image."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from ocop_rating.certificates.documents import certificate_pdf_render, certificate_qr_png
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_status_text
from ocop_rating.public.selectors import certificate_by_code_or_none

CODE_MAX_LENGTH = Certificate._meta.get_field("code").max_length
# Codes are `T-X-STT-year` (38-14797-003-2024); imported ones may carry letters. ASCII only: `\d`
# alone would take other scripts' digits, and nothing else (slashes, NUL) may reach a URL or the database.
_CODE_SHAPE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", re.ASCII)
# Dashes a phone keyboard or a word processor puts where the hyphen of a code belongs.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def certificate_code_clean(raw: str) -> str | None:
    """Return the code as typed or scanned without spaces, in capitals; None when it cannot be a code.

    Lenient with what people type (spaces around the hyphens, small letters, typographic dashes); strict
    with everything else, so that the lookup never sends the database text it refuses (NUL).
    """
    code = "".join(raw.split()).translate(_DASHES)
    if len(code) > CODE_MAX_LENGTH or not _CODE_SHAPE.fullmatch(code):
        return None
    return code.upper()


def _certificate_find(raw_code: str) -> Certificate | None:
    code = certificate_code_clean(raw_code)
    if code is None:
        return None
    return certificate_by_code_or_none(code=code)


def _certificate_get(raw_code: str) -> Certificate:
    certificate = _certificate_find(raw_code)
    if certificate is None:
        raise Http404
    return certificate


def certificate_verify_url(*, request, code: str) -> str:
    """The absolute, stable check URL printed in QR codes: always the Vietnamese, unprefixed one."""
    with translation.override("vi"):
        return request.build_absolute_uri(reverse("ocop_rating:verify", kwargs={"code": code}))


def _not_in_register(request, *, code: str):
    """The warning for a code that is not in the register: possibly no OCOP product, or a counterfeit mark."""
    context = {
        "code": code,
        "office_name": settings.OCOP_OFFICE_NAME,
        "office_phone": settings.OCOP_OFFICE_PHONE,
        "office_email": settings.OCOP_OFFICE_EMAIL,
    }
    return render(request, "ocop_rating/public/verify_not_found.html", context, status=404)


@require_GET
def verify_search(request):
    typed = request.GET.get("code", "").strip()
    if not typed:
        return render(request, "ocop_rating/public/verify_search.html", {"code": ""})
    code = certificate_code_clean(typed)
    if code is None:
        return _not_in_register(request, code=typed)
    return redirect("ocop_rating:verify", code=code)


@require_GET
def verify(request, code: str):
    certificate = _certificate_find(code)
    if certificate is None:
        return _not_in_register(request, code=code)
    today = timezone.localdate()
    product = certificate.product
    context = {
        "certificate": certificate,
        "product": product,
        "producer": product.producer,
        "product_url": product.get_absolute_url() if product.is_public else "",
        "is_valid": certificate.is_valid(on=today),
        "is_extended": certificate.is_valid(on=today) and certificate.valid_until < today,
        "status_text": certificate_status_text(certificate=certificate, today=today),
        "verify_url": certificate_verify_url(request=request, code=certificate.code),
    }
    return render(request, "ocop_rating/public/verify.html", context)


@require_GET
def certificate_pdf(request, code: str):
    certificate = _certificate_get(code)
    with translation.override("vi"):
        content = certificate_pdf_render(
            certificate=certificate, verify_url=certificate_verify_url(request=request, code=certificate.code),
            today=timezone.localdate(),
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-nhan-ocop-{certificate.code}.pdf"'
    return response


@require_GET
def certificate_qr(request, code: str):
    certificate = _certificate_get(code)
    png = certificate_qr_png(url=certificate_verify_url(request=request, code=certificate.code))
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="qr-ocop-{certificate.code}.png"'
    return response
