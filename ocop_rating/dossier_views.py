"""The rating portal's dossiers screens."""


def home_context(request) -> dict:
    """What the portal's home shows of this area to request.user (rendered by portal/_home_dossiers.html)."""
    return {}
