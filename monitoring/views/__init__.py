"""The monitoring pages, one module per feature (see monitoring/urls.py)."""
