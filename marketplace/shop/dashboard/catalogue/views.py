"""Oscar's product delete, refusing with a message instead of a server error when the rating record holds the product.

An OCOP dossier or certificate protects its product (``on_delete=PROTECT``): the council's record must outlive the
listing. Staff get told why and are pointed to taking the product off sale instead.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.dashboard.catalogue import views as oscar_views


class ProductDeleteView(oscar_views.ProductDeleteView):
    def delete(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().delete(request, *args, **kwargs)
        except (ProtectedError, RestrictedError):
            messages.error(
                request,
                _("Không thể xoá sản phẩm “%(title)s” vì hồ sơ hoặc giấy chứng nhận OCOP của sản phẩm phải được lưu "
                  "giữ. Hãy bỏ chọn “Là công khai” để ngừng bán sản phẩm.") % {"title": self.object.get_title()},
            )
            return HttpResponseRedirect(reverse("dashboard:catalogue-product", kwargs={"pk": self.object.pk}))
