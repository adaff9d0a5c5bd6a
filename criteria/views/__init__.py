"""The criteria pages, one module per feature (see criteria/urls.py)."""
