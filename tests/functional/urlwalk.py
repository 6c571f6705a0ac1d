"""Walk a URLconf: every pattern with its namespaced name, its route, and paths built from any argument values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, unquote

from django.urls import Resolver404, URLPattern, URLResolver, resolve
from django.utils.regex_helper import normalize


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "ocop_rating:verify"; "" for an unnamed pattern
    route: str  # as Django reports it in ResolverMatch.route, e.g. "ocop/verify/<str:code>/"
    path_format: str  # "ocop/verify/%(code)s/"
    arguments: tuple[str, ...]
    callback: object

    @property
    def module(self) -> str:
        view = getattr(self.callback, "view_class", self.callback)
        return getattr(view, "__module__", "")

    def path(self, values: dict[str, str]) -> str:
        """The URL path with these argument values, percent-encoded (a "/" in a value stays a slash)."""
        return "/" + self.path_format % {name: quote(values[name], safe="/") for name in self.arguments}

    def resolves_to_itself(self, path: str) -> bool:
        try:
            return resolve(unquote(path)).route == self.route
        except Resolver404:
            return False


def _join(route1: str, route2: str) -> str:
    # Mirrors URLResolver._join_route, so routes compare equal to ResolverMatch.route.
    return route2 if not route1 else route1 + route2.removeprefix("^")


def _regex(pattern) -> str:
    return pattern.pattern.regex.pattern


def routes(patterns, *, route: str = "", regex: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URLPattern under ``patterns`` (a URLconf's urlpatterns), depth first, in resolution order."""
    for pattern in patterns:
        pattern_regex = regex + _regex(pattern).removeprefix("^") if regex else _regex(pattern)
        if isinstance(pattern, URLResolver):
            inner_namespace = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, route=_join(route, str(pattern.pattern)),
                              regex=pattern_regex, namespace=inner_namespace)
        elif isinstance(pattern, URLPattern):
            path_format, arguments = normalize(pattern_regex.removesuffix(r"\Z"))[0]
            yield Route(
                name=f"{namespace}{pattern.name}" if pattern.name else "",
                route=_join(route, str(pattern.pattern)),
                path_format=path_format.lstrip("/"),
                arguments=tuple(arguments),
                callback=pattern.callback,
            )
