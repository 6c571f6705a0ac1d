"""Request checks that run before any view."""

from django.core.exceptions import ObjectDoesNotExist, SuspiciousOperation
from django.db import DataError
from django.http import Http404

NUL = "\x00"


class NullCharacterInRequest(SuspiciousOperation):
    """A NUL character in the path, query, cookies, headers or form fields (logged as django.security.*)."""


def _carries_nul(*texts: str) -> bool:
    return any(NUL in text for text in texts)


def _multivalue_carries_nul(data) -> bool:
    return any(_carries_nul(key, *values) for key, values in data.lists())


class RejectNullCharactersMiddleware:
    """Answer 400 to any request carrying a NUL character, before a view can pass it on.

    PostgreSQL refuses NUL in text (psycopg raises DataError), so a NUL reaching a lookup or a save
    would be a server error; no legitimate path, query, cookie, header or form field contains one.
    Uploaded files' contents are not inspected, only their names.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            raise NullCharacterInRequest("NUL character in the request")
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request) -> bool:
        headers = (value for key, value in request.META.items() if key.startswith("HTTP_") and isinstance(value, str))
        if _carries_nul(request.path, request.path_info, *headers) or _multivalue_carries_nul(request.GET):
            return True
        if any(_carries_nul(key, value) for key, value in request.COOKIES.items()):
            return True
        if request.method == "POST":
            # Reading the form body here is what CsrfViewMiddleware does for every POST anyway.
            if _multivalue_carries_nul(request.POST):
                return True
            return any(_carries_nul(key, *(upload.name or "" for upload in uploads))
                       for key, uploads in request.FILES.lists())
        return False


# The widest key any database here holds (bigint); SQLite raises OverflowError past it.
LARGEST_KEY = 2**63 - 1


class PathArgumentNotFoundMiddleware:
    """Answer 404 when the path names no row: a key past any database's range (an ``<int:>`` one is
    refused before the view runs), a non-number where the view looks a number up (Oscar's and Wagtail's
    ``<str:pk>`` URLs), or a lookup that finds nothing.

    Django's ``get_object_or_404`` covers only the last case, and only where a view uses it; Oscar's
    customer order line, its dashboard's option and page views and Wagtail's choosers look rows up
    directly, so the malformed or unknown key would otherwise be a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(_past_any_key(value) for value in (*view_args, *view_kwargs.values()) if isinstance(value, int)):
            raise Http404
        return None

    def process_exception(self, request, exception):
        match = request.resolver_match
        arguments = [*match.args, *match.kwargs.values()] if match else []
        if not arguments:
            return None
        if (
            isinstance(exception, ObjectDoesNotExist)
            or _is_number_lookup_of(exception, arguments)
            or (isinstance(exception, OverflowError) and any(_past_any_key(argument) for argument in arguments))
        ):
            raise Http404 from exception
        return None


def _past_any_key(value) -> bool:
    """Whether an integer path argument (or one captured as ASCII digits by a regex) is beyond every key."""
    if isinstance(value, str):
        digits = value.lstrip("-")
        if not (digits.isascii() and digits.isdigit()):
            return False
        return len(digits.lstrip("0")) > len(str(LARGEST_KEY)) or int(digits) > LARGEST_KEY
    return isinstance(value, int) and abs(value) > LARGEST_KEY


def _is_number_lookup_of(exception: Exception, arguments: list) -> bool:
    """Whether Django's number field refused one of the path arguments ("Field 'id' expected a number...")."""
    if not isinstance(exception, (TypeError, ValueError)):
        return False
    message = str(exception)
    return any(message.endswith(f" expected a number but got {argument!r}.") for argument in arguments)


class ValueBeyondTheDatabase(SuspiciousOperation):
    """A value sent in the request that the database cannot hold (logged as django.security.*)."""


class DatabaseRefusedValueMiddleware:
    """Answer 400 when the database refuses a value the request sent, wherever a view passed it on.

    Form fields are bounded where we declare them, but Oscar's bulk actions (``selected_order``), the
    Django admin's ``?id__in=`` filters and multiple-choice fields send posted numbers straight into an
    ``IN`` lookup: SQLite cannot bind an integer past 64 bits, PostgreSQL refuses out-of-range or
    over-long values (DataError). Either way the request, not the server, is at fault.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        sqlite_overflow = isinstance(exception, OverflowError) and "SQLite INTEGER" in str(exception)
        if sqlite_overflow or isinstance(exception, DataError):
            raise ValueBeyondTheDatabase(f"value refused by the database: {exception}") from exception
        return None
