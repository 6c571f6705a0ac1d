from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .divisions import province_name, ward_choices


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def wards_json(request, province_code: int):
    """The communes/wards of one province, for the address and filter selects."""
    if not province_name(province_code):
        raise Http404
    return JsonResponse({"wards": [{"code": code, "name": name} for code, name in ward_choices(province_code)]})


def bad_request(request, exception):
    """Answer 400 with 400.html rendered without the request, as Django renders 500.html.

    Django's own handler runs the context processors, which read the database and the request's host:
    a bad request (a refused host, NUL in the URL) may have neither fit to use.
    """
    return HttpResponseBadRequest(loader.render_to_string("400.html"))
