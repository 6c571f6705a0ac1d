"""The rating portal's dashboard screens."""


def home_context(request) -> dict:
    """What the portal's home shows of this area to request.user (rendered by portal/_home_dashboard.html)."""
    return {}
