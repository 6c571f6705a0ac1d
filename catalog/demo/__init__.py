"""Demo catalogue of Thanh Hóa OCOP products, loaded by `manage.py load_demo_data`."""
