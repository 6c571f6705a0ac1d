"""Domain errors of the rating workflow: each carries a message a user can read."""


class RatingError(Exception):
    """Base of the rating workflow's domain errors; ``message`` is translated, user-readable text."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
