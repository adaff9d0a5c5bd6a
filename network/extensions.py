"""Places on the network's pages where an app built on the network adds a part
of its own, so the network never has to know those apps.

An app registers a template for a place in its ``AppConfig.ready``::

    extensions.add("map", "finder/open_reports_notice.html")

and the network's template includes whatever is registered there::

    {% for part in network_parts.map %}{% include part %}{% endfor %}

The places: ``map`` (above the network map, for logged-in work) and
``service`` (below a service's details).
"""

PLACES = ("map", "service")
_parts = {place: [] for place in PLACES}


def add(place, template_name):
    """Show ``template_name`` at ``place``; adding the same template twice adds it once."""
    if place not in _parts:
        raise ValueError(f"Unknown place {place!r}; the network has {', '.join(PLACES)}.")
    if template_name not in _parts[place]:
        _parts[place].append(template_name)


def parts():
    """The registered templates per place (read-only copies)."""
    return {place: tuple(names) for place, names in _parts.items()}


def context(request):
    """Template context processor: ``network_parts``."""
    return {"network_parts": parts()}
