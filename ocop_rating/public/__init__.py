"""The public certificate check at /ocop/verify/ (printed on packaging: never change its URLs)."""
