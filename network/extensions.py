"""Places on the network's pages where an app built on the network adds a part of its
own (toolbox_site/extensions.py): ``map`` (above the network map, for logged-in work)
and ``service`` (below a service's details). For example, in an ``AppConfig.ready``::

    extensions.add("map", "finder/open_reports_notice.html")
"""

from toolbox_site.extensions import Places

places = Places("network", ("map", "service"))
add = places.add
parts = places.parts
context = places.context
