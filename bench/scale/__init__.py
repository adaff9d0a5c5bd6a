"""National-scale data for the benchmark, per app, run by ``generate_scale_data``
after its own regions, organizations and accounts. Each module has ``STEPS``:
functions of the command's context that return a line for its report."""

from . import criteria, monitoring, network, practice

#: In INSTALLED_APPS order, as before: criteria, network, monitoring; then the practice
#: exchange, which links to the criteria and roles made before it.
MODULES = [criteria, network, monitoring, practice]
