"""Container health: GET /healthz on the local gunicorn, as the proxy would send it; exit 0 only on 200."""

import os
import sys
import urllib.request

# /healthz must be asked for with a host Django accepts, and as HTTPS (the proxy's header),
# or production settings answer 400 or redirect instead of reporting health.
allowed = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",") if h.strip()
]
host = next((h.lstrip(".") for h in allowed if h != "*"), "localhost")
port = os.environ.get("PORT", "8000")
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed local URL
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
    print(f"unhealthy: {exc}", file=sys.stderr)
    sys.exit(1)
