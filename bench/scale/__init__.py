"""National-scale data for the benchmark, per app, run by ``generate_scale_data``
after its own regions, organizations and accounts. Each module has ``STEPS``:
functions of the command's context that return a line for its report."""

from . import criteria, documents, monitoring, network, practice

#: In INSTALLED_APPS order, as before: criteria, network, monitoring; then documents and
#: the practice exchange, which links to the criteria and roles made before it.
MODULES = [criteria, network, monitoring, documents, practice]
