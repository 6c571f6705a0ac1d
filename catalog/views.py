"""Product pages, and the catalogue's lists served from the database with OCOP filters.

The shop serves catalogue:index and catalogue:category through the product search instead
(settings.CATALOGUE_LIST_VIEWS); the database lists remain for a category that mirrors no OCOP group or set.
"""

from urllib.parse import unquote

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.apps.catalogue import views as core_views
from oscar.core.loading import get_model

from .forms import ProductFilterForm, division_code
from .selectors import producer_locations, product_detail_queryset, product_list

Category = get_model("catalogue", "Category")


class ProductListMixin:
    """Filter form + paginated product list; subclasses narrow it (category, producer)."""

    template_name = "oscar/catalogue/browse.html"
    page_size_max = 100

    def get_category_ids(self) -> tuple[int, ...]:
        return ()

    def get_fixed_producer(self):
        return None

    def get_page_size(self) -> int:
        try:
            size = int(self.request.GET.get("per_page", settings.OSCAR_PRODUCTS_PER_PAGE))
        except ValueError:
            size = settings.OSCAR_PRODUCTS_PER_PAGE
        return max(1, min(size, self.page_size_max))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        producer = self.get_fixed_producer()
        if producer is not None:
            data["producer"] = producer.slug
        province = division_code(data.get("province"))
        form = ProductFilterForm(data, ward_codes=producer_locations(province_code=province) if province else [])
        products = product_list(filters=form.to_filters(category_ids=self.get_category_ids()))
        paginator = Paginator(products, self.get_page_size())
        try:
            page = paginator.page(self.request.GET.get("page", 1))
        except InvalidPage:
            raise Http404(_("Trang không tồn tại.")) from None
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            filter_form=form,
            paginator=paginator,
            page_obj=page,
            products=page.object_list,
            querystring=query.urlencode(),
            fixed_producer=producer,
        )
        return ctx


class CatalogueView(ProductListMixin, TemplateView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = _("Tất cả sản phẩm OCOP")
        return ctx


class ProductCategoryView(ProductListMixin, TemplateView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        expected = self.category.get_absolute_url()
        if unquote(request.path) != unquote(expected):
            query = f"?{request.GET.urlencode()}" if request.GET else ""
            return redirect(expected + query, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_category_ids(self) -> tuple[int, ...]:
        return tuple(self.category.get_descendants_and_self().values_list("pk", flat=True))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.display_name
        return ctx


class ProductDetailView(core_views.ProductDetailView):
    def get_queryset(self):
        return product_detail_queryset()
