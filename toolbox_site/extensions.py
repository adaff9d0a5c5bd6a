"""Places on one app's pages where an app built on it adds a part of its own, so the
app underneath never has to know the apps above it.

The app that offers places names them once::

    places = extensions.Places("network", ("map", "service"))

another app registers a template for a place in its ``AppConfig.ready``::

    places.add("map", "finder/open_reports_notice.html")

and the offering app's template includes whatever is registered there (its context
processor ``places.context`` gives ``<app>_parts``)::

    {% for part in network_parts.map %}{% include part %}{% endfor %}

A registered template gets the page's context; it keeps its own data under its own
data versions (``{% cached %}``, toolbox_site/freshness.py), since the page around it
is cached under the offering app's versions only.
"""


class Places:
    def __init__(self, app, places):
        self.app = app
        self.places = tuple(places)
        self._parts = {place: [] for place in self.places}

    def add(self, place, template_name):
        """Show ``template_name`` at ``place``; adding the same template twice adds it once."""
        if place not in self._parts:
            raise ValueError(f"Unknown place {place!r}; {self.app} has {', '.join(self.places)}.")
        if template_name not in self._parts[place]:
            self._parts[place].append(template_name)

    def parts(self):
        """The registered templates per place (read-only copies)."""
        return {place: tuple(names) for place, names in self._parts.items()}

    def context(self, request):
        """Template context processor: ``<app>_parts``."""
        return {f"{self.app}_parts": self.parts()}
