"""What the monitoring pages share."""

from toolbox_site import freshness

#: A cached part of a monitoring page (toolbox_site/freshness.py): the reports and
#: formats, and the organizations' names, in the page's region or municipality.
page_part = freshness.parts_for("monitoring", "toolbox_site")
