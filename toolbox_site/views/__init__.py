"""The core's pages, one module per feature (see toolbox_site/urls.py)."""
