"""Which function delivers each topic's messages, and what it may answer for each key."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from .models import OutboxMessage


@dataclass(frozen=True)
class Delivered:
    """The outside world holds this content now."""


@dataclass(frozen=True)
class Retry:
    """Try again later: not before ``after_seconds`` (e.g. a Retry-After) and the backoff, whichever is later.

    ``tried=False`` says nothing was sent (the remote side had asked everyone to wait): the attempt is
    given back, so that waiting, however long, never parks a message.
    """

    after_seconds: float | None = None
    reason: str = ""
    tried: bool = True


@dataclass(frozen=True)
class Failed:
    """Permanent refusal (e.g. the channel rejects the listing): park the message with the reason."""

    reason: str


Outcome = Delivered | Retry | Failed
Handler = Callable[[list["OutboxMessage"]], dict[str, Outcome]]


@dataclass(frozen=True)
class HandlerSpec:
    topic: str
    function: Handler
    batch_size: int


_handlers: dict[str, HandlerSpec] = {}


def outbox_handler(topic: str, *, batch_size: int = 100) -> Callable[[Handler], Handler]:
    """Register the decorated function as the one handler of ``topic``.

    It gets up to ``batch_size`` messages and answers ``{key: Delivered() | Retry(...) | Failed(...)}``;
    a key it leaves out is retried, and an exception retries the whole batch. It runs outside any
    transaction or row lock and must finish well within the lease (OUTBOX_LEASE_SECONDS, 5 min):
    bound every network call with a timeout. It may see a message again after a crash (at-least-once),
    so what it does must be idempotent, keyed by the message's key.
    """
    if batch_size < 1:
        raise ImproperlyConfigured(f"outbox handler for {topic!r}: batch_size must be at least 1")

    def register(function: Handler) -> Handler:
        current = _handlers.get(topic)
        # The same function imported again (e.g. its module reloaded) replaces itself; another one is a mistake.
        if current and _name(current.function) != _name(function):
            raise ImproperlyConfigured(f"outbox topic {topic!r} already has a handler: {_name(current.function)}")
        _handlers[topic] = HandlerSpec(topic=topic, function=function, batch_size=batch_size)
        return function

    return register


def _name(function: Handler) -> str:
    return f"{function.__module__}.{getattr(function, '__qualname__', type(function).__qualname__)}"


def outbox_handler_get(topic: str) -> HandlerSpec | None:
    return _handlers.get(topic)


def outbox_handler_unregister(topic: str) -> None:
    """Forget the handler of ``topic`` (tests register throw-away handlers)."""
    _handlers.pop(topic, None)


@dataclass(frozen=True)
class Subscription:
    """Topic ``topic`` receives a message for every key an ``event`` names, while ``enabled()`` is true."""

    event: str
    topic: str
    enabled: Callable[[], bool]


_subscriptions: dict[str, dict[str, Subscription]] = {}


def _always() -> bool:
    return True


def outbox_subscribe(event: str, topic: str, *, enabled: Callable[[], bool] = _always) -> None:
    """Make ``topic`` receive the keys of every ``outbox_publish(event=...)``; idempotent per (event, topic).

    Called from an app's ``ready()``: the publisher (e.g. the catalogue announcing product changes) need
    not know who listens (the postal channel, the search index). ``enabled`` is asked at each publish,
    so a topic whose outside system is not configured costs no write.
    """
    _subscriptions.setdefault(event, {})[topic] = Subscription(event=event, topic=topic, enabled=enabled)


def outbox_subscribers(event: str) -> list[str]:
    """The topics subscribed to ``event`` and enabled now, sorted (the order messages are written in)."""
    return sorted(topic for topic, spec in _subscriptions.get(event, {}).items() if spec.enabled())


def outbox_unsubscribe(event: str, topic: str) -> None:
    """Forget a subscription (tests add throw-away ones)."""
    _subscriptions.get(event, {}).pop(topic, None)
