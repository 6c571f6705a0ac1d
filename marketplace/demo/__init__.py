"""The demo: Thanh Hóa's OCOP catalogue, the rating workflow's rounds and dossiers, and an account per role.

One command, ``manage.py load_demo_data``, loads it through the domain apps' services. No domain app
imports this one.
"""
