"""The directory as open data: a read-only Open Referral HSDS 3.0 API.

Mapping (ids are the models' stable UUIDs; ids of parts that have no row of
their own, such as a phone number, are derived with uuid5 from the owner's UUID,
so they are stable too):

- Provider → organization;
- active Service → service (phones, e-mail, url, languages, a "free" cost
  option, status, ``assured_date`` from ``verified_on``); archived services are
  not public and are left out everywhere (lists, details, organizations);
- municipalities served → service areas (the CBS code in ``extent``);
- roles, life domains and target groups → taxonomy terms in three taxonomies,
  attached to services through attributes;
- a service's age range → ``minimum_age`` / ``maximum_age`` (the lists filter on
  them as Open Referral UK does: the services whose range overlaps the one asked);
- a service with a visiting address → one service_at_location, its location and
  that location's address (ids: uuid5 of the service's UUID; no coordinates, so
  ``proximity`` is refused with a 400; ``postcode`` matches the address's postcode).

The whole directory at once: ``hsds-tabular.zip``, a zip of CSV files in HSDS's
tabular form with the specification's ``datapackage.json`` (tabular.py).

Open-data manners: ``Access-Control-Allow-Origin: *`` and a CORS preflight
(``OPTIONS``, 204) on every URL, an ``ETag`` with
conditional GET (304), JSON errors (400 for bad parameters, 404 for unknown
ids), never a 500.
"""
