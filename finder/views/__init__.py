"""The finder's pages, one module per feature (see finder/urls.py)."""
