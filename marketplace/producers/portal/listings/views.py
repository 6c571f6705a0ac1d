"""The producer's listings pages: their products, a product's form, its photos. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.producers.portal.access import portal_forbidden, portal_view

from . import selectors, services
from .forms import PhotoUploadForm, ProductForm


def _product_or_404(access, product_id):
    product = selectors.producer_product(producer=access.producer, product_id=product_id)
    if product is None:
        raise Http404
    return product


def _image_or_404(access, product_id, image_id):
    image = selectors.producer_product_image(producer=access.producer, product_id=product_id, image_id=image_id)
    if image is None:
        raise Http404
    return image


@portal_view
@require_http_methods(["GET"])
def listing_list(request, access):
    """The producer's products, with photo, price, stock, OCOP stars and whether the shop shows them."""
    products = list(selectors.producer_products(producer=access.producer))
    today = timezone.localdate()
    channel_states = selectors.products_channel_states(producer=access.producer, products=products) or {}
    rows = [{"product": product, "stockrecord": selectors.product_stockrecord(product=product),
             "image": product.images.all()[0] if product.images.all() else None,
             "certificate": selectors.product_certificate_today(product=product, today=today),
             "channel": channel_states.get(product.pk)}
            for product in products]
    return render(request, "producers/portal/listings/list.html", {"access": access, "rows": rows})


@portal_view
@require_http_methods(["GET", "POST"])
def listing_create(request, access):
    """List a new product."""
    form = ProductForm(request.POST or None, initial={"origin_ward_code": access.producer.ward_code})
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_create(access=access, data=form.listing_data())
        except services.ListingRefused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã đăng sản phẩm “%(title)s”. Hãy thêm ảnh sản phẩm.") % {
                "title": product.title})
            return redirect("producer_portal:listing_photos", product_id=product.pk)
    return render(request, "producers/portal/listings/form.html", {"access": access, "form": form, "product": None})


@portal_view
@require_http_methods(["GET", "POST"])
def listing_edit(request, access, product_id):
    """Change one of the producer's products (price, stock, details, shown or hidden); its OCOP status read-only."""
    product = _product_or_404(access, product_id)
    record = selectors.product_stockrecord(product=product)
    initial = {
        "ocop_set": product.ocop_set_id, "title": product.title,
        "description": services.description_text(product.description or ""),
        "price": int(record.price) if record and record.price is not None else None,
        "num_in_stock": record.num_in_stock if record else 0,
        "stock_seen": record.num_in_stock if record else None,
        "weight_grams": product.weight_grams, "volume_ml": product.volume_ml,
        "shelf_life_days": product.shelf_life_days,
        "origin_ward_code": product.origin_ward_code or access.producer.ward_code, "is_public": product.is_public,
    }
    form = ProductForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(access=access, product=product, data=form.listing_data(),
                                    stock_seen=form.cleaned_data["stock_seen"])
        except services.ListingRefused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu sản phẩm “%(title)s”.") % {"title": form.cleaned_data["title"]})
            return redirect("producer_portal:listing_list")
    return render(request, "producers/portal/listings/form.html", {
        "access": access, "form": form, "product": product, "stockrecord": record,
        "ocop": selectors.product_ocop_status(product=product, today=timezone.localdate()),
        "channel": (selectors.products_channel_states(producer=access.producer, products=[product]) or {}).get(product.pk),
    })


@portal_view
@require_POST
def listing_reevaluation(request, access, product_id):
    """Open the re-evaluation dossier of the product's certificate in the rating portal (or go to the open one)."""
    product = _product_or_404(access, product_id)
    try:
        dossier, created = services.product_reevaluation_open(access=access, product=product)
    except services.ListingRefused as exc:
        if exc.code == "assisted":
            return portal_forbidden(request, reason=exc.message)
        messages.error(request, exc.message)
        return redirect("producer_portal:listing_edit", product_id=product.pk)
    if created:
        messages.success(request, _("Đã tạo hồ sơ đánh giá lại. Hãy hoàn thiện các mục còn thiếu rồi nộp hồ sơ."))
    else:
        messages.info(request, _("Sản phẩm đã có hồ sơ đánh giá lại: đây là hồ sơ đó."))
    return redirect("ocop_rating:dossier_detail", dossier_id=dossier.pk)


@portal_view
@require_http_methods(["GET", "POST"])
def listing_photos(request, access, product_id):
    """A product's photos: take or pick new ones, put them in order, delete them."""
    product = _product_or_404(access, product_id)
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            images = services.product_photos_add(access=access, product=product, uploads=form.cleaned_data["photos"])
        except services.ListingRefused as exc:
            form.add_error("photos", exc)
        else:
            messages.success(request, _("Đã thêm %(count)s ảnh.") % {"count": len(images)})
            return redirect("producer_portal:listing_photos", product_id=product.pk)
    images = list(product.images.all())
    return render(request, "producers/portal/listings/photos.html", {
        "access": access, "product": product, "form": form, "images": images, "last_index": len(images) - 1,
    })


@portal_view
@require_POST
def listing_photo_move(request, access, product_id, image_id):
    """Move a photo one place earlier or later (POST direction=up|down)."""
    image = _image_or_404(access, product_id, image_id)
    services.product_photo_move(access=access, image=image, up=request.POST.get("direction") == "up")
    return redirect("producer_portal:listing_photos", product_id=product_id)


@portal_view
@require_http_methods(["GET", "POST"])
def listing_photo_delete(request, access, product_id, image_id):
    """Ask, then delete one photo."""
    image = _image_or_404(access, product_id, image_id)
    if request.method == "POST":
        services.product_photo_delete(access=access, image=image)
        messages.success(request, _("Đã xóa ảnh."))
        return redirect("producer_portal:listing_photos", product_id=product_id)
    return render(request, "producers/portal/listings/photo_delete.html", {
        "access": access, "product": image.product, "image": image,
    })
