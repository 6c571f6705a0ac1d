"""The rating portal's rounds screens."""


def home_context(request) -> dict:
    """What the portal's home shows of this area to request.user (rendered by portal/_home_rounds.html)."""
    return {}
