"""The network's pages, one module per feature (see network/urls.py)."""
