"""Public certificate check (no login): the page a package's QR opens, its PDF and its QR image."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from catalog.models import OcopCertification

from .certificates import certificate_status_text
from .pdf import certificate_pdf_render, certificate_qr_png


def _certificate_get(code: str) -> OcopCertification:
    return get_object_or_404(
        OcopCertification.objects.select_related("product", "product__producer"), code=code.strip(),
    )


def certificate_verify_url(*, request, code: str) -> str:
    """The absolute, stable check URL printed in QR codes: always the Vietnamese, unprefixed one."""
    with translation.override("vi"):
        return request.build_absolute_uri(reverse("ocop_rating:verify", kwargs={"code": code}))


@require_GET
def verify_search(request):
    code = request.GET.get("code", "").strip()
    if code:
        return redirect("ocop_rating:verify", code=code)
    return render(request, "ocop_rating/public/verify_search.html", {"code": code})


@require_GET
def verify(request, code: str):
    certificate = _certificate_get(code)
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
