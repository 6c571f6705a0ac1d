"""The producer's sales: orders and revenue by week and product, low stock, a CSV, and the OCOP evidence statement."""
