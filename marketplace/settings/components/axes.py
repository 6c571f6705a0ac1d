"""django-axes: sign-in throttling on every login form (shop, checkout, Wagtail, Django admin).

Keyed by account and address together: keyed by account alone, anyone could lock any shopper or
council member out by typing their e-mail; keyed by address alone, one wrong-typing clerk would lock
a whole commune office behind its shared address out. Account+address stops guessing one account
from one place at the cost of guessing spread over many addresses, which the password validators
are there for. Attempts, including those made while locked, are counted and logged.
"""

from datetime import timedelta

from .. import base_env as _base_env

AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "marketplace.core.auth.login_throttle_username"
AXES_CLIENT_IP_CALLABLE = "marketplace.core.auth.client_ip_address"
AXES_LOCKOUT_CALLABLE = "marketplace.core.auth.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Proxies in front of Django that append the client address to X-Forwarded-For: none when Django
# serves directly (make run); production sets one, the nginx of docker/ (more with TLS in front).
TRUSTED_PROXY_COUNT = _base_env.env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
