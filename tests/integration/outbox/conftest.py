"""A throw-away outbox topic whose handler answers what each test tells it to."""

import dataclasses

import pytest

from marketplace.outbox.registry import Delivered, outbox_handler, outbox_handler_unregister

TOPIC = "test.fake"
OMIT = object()  # an answer that leaves the key out of the handler's outcomes


@dataclasses.dataclass
class FakeHandler:
    """Answers ``answers[key]`` (Delivered by default; OMIT leaves the key out) or raises ``error``; remembers each batch it saw."""

    answers: dict = dataclasses.field(default_factory=dict)
    error: Exception | None = None
    batches: list = dataclasses.field(default_factory=list)
    during: object = None

    def __call__(self, messages):
        self.batches.append([(m.key, m.payload) for m in messages])
        if self.during is not None:
            self.during(messages)
        if self.error is not None:
            raise self.error
        answers = {m.key: self.answers.get(m.key, Delivered()) for m in messages}
        return {key: answer for key, answer in answers.items() if answer is not OMIT}

    @property
    def seen(self):
        return [item for batch in self.batches for item in batch]


@pytest.fixture
def fake_handler():
    handler = FakeHandler()
    outbox_handler_unregister(TOPIC)
    outbox_handler(TOPIC, batch_size=10)(handler)
    yield handler
    outbox_handler_unregister(TOPIC)
