"""The network built once for a whole test module, for modules that mostly read it.

Building the cast's network (the demo's network of Enschede and Hengelo, with its
history) takes a second or more, and many modules ask for it in every test. A module
marked ``pytest.mark.usefixtures("module_network")`` gets it built once (made with
tests/once.py: an outer transaction rolled back when the module is done; asked for by
the mark, it is made before any test's own transaction begins). Each test
still runs in a transaction of its own (a savepoint inside that one), rolled back after
it as everywhere, so a test that writes leaves nothing behind.

In such a module the cast's organizations and the network fixtures (tests/conftest.py,
tests/network/fixtures.py, tests/finder/fixtures.py) hand out fresh copies of the
module's rows instead of building them: no test sees another's changes to an object.
The cast's users are still made per test. A test that asks for an organization without
the network gets the network too, so mark only modules whose tests all work on it.
Mark such a module ``pytest.mark.xdist_group(name)`` as well, so one test process takes
the module and the network is built once, not once in every process.
"""

import pytest

from finder import situations
from network import taxonomy
from network.demo import seed_municipality, seed_regional
from network.models import Service

from ..factories import CAST_ORGANIZATIONS, add_contact_details, make_cast_organization, make_region
from ..once import loaded_once

# Each municipality leaves out other optional roles (``seed_municipality``'s index).
NETWORK_INDEX = {"enschede": 3, "hengelo": 6}


def build():
    """The cast's organizations, the reference lists and the finder's network."""
    twente = make_region("Twente")
    organizations = {key: make_cast_organization(twente, key) for key in CAST_ORGANIZATIONS}
    taxonomy.load()
    situations.load()
    municipalities = [organizations["enschede"], organizations["hengelo"]]
    regional = seed_regional(organizations["menzis"], organizations["ggd"], municipalities)
    local = {
        key: seed_municipality(organizations[key], regional, index=index)
        for key, index in NETWORK_INDEX.items()
    }
    add_contact_details(organizations["enschede"], organizations["menzis"])
    return {
        "region": twente.pk,
        "organizations": {key: row.pk for key, row in organizations.items()},
        "regional": regional,
        **local,
    }


module_network = loaded_once(build)


def kept(request):
    """The module's network (``build``'s result) if the module uses it, else None."""
    if "module_network" not in request.fixturenames:
        return None
    return request.getfixturevalue("module_network")


def services(request, key):
    """The module's services of ``key`` ("regional", "enschede", "hengelo"), read again;
    None if the module is not marked."""
    built = kept(request)
    if built is None:
        return None
    rows = Service.objects.in_bulk([service.pk for service in built[key].values()])
    return {name: rows[service.pk] for name, service in built[key].items()}


def on_the_module_network(module_name):
    """The marks of a module whose tests all work on the network built once for it:
    the database, the network, and one test process for the whole module (so the
    network is built once, not once in every process)."""
    return [
        pytest.mark.django_db,
        pytest.mark.usefixtures("module_network"),
        pytest.mark.xdist_group(module_name),
    ]
