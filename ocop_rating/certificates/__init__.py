"""Certificates: issue, revoke, expire, extend; the certificate PDF and QR; what the shop's badge reads."""
