"""The baseline: plain Django rendering the catalogue's first page of products, nothing else."""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.template import loader
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def minimal_product_list(request: HttpRequest) -> HttpResponse:
    """Render the newest page of public products (title, price) from one query, without context processors."""
    first_price = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk").values("price")[:1]
    products = (
        Product.objects.filter(is_public=True, parent=None)
        .order_by("-date_created", "-pk")
        .annotate(price=Subquery(first_price))
        .values("title", "price")[: settings.OSCAR_PRODUCTS_PER_PAGE]
    )
    html = loader.render_to_string("perf/minimal.html", {"products": products})
    return HttpResponse(html)
