"""Places on the criteria's pages where an app built on the criteria adds a part of its
own (toolbox_site/extensions.py): ``criterion`` (below a criterion's page, outside its
cached part). For example, in an ``AppConfig.ready``::

    extensions.add("criterion", "monitoring/criterion_indicators.html")
"""

from toolbox_site.extensions import Places

places = Places("criteria", ("criterion",))
add = places.add
parts = places.parts
context = places.context
