"""Much network data, for the query-count tests: pages must not grow with it.

(The finder's part; when merging with the network map's bulk.py, call
``bulk_finder.add_bulk_data(region, cast)`` at the end of its ``add_bulk_data``.)"""

from .bulk_finder import add_bulk_data as add_finder_bulk_data


def add_bulk_data(region, cast):
    add_finder_bulk_data(region, cast)
