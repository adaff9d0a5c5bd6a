"""The permission matrix: every URL that changes data, tried by everyone.

Each write URL changes data owned by Enschede. The cast: anonymous, an editor
of another municipality (Hengelo), the care office's adviser, a viewer of
Enschede, the editor of Enschede, the region coordinator and a coordinator of
another region. Another organization's data is
"not found" (404); a read-only member is "forbidden" (403).
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from toolbox_site.models import Membership, Organization

from .factories import make_user

OK = "ok"
LOGIN = "login"
CAST = [
    "enschede.editor",
    "enschede.viewer",
    "hengelo.editor",
    "menzis.adviser",
    "twente.coordinator",
]


@dataclass(frozen=True)
class Write:
    """A URL that changes data owned by Enschede (or by the care office, see ``expected``).

    ``arrange(cast)`` creates what the URL changes and returns the URL kwargs;
    ``data(kwargs)`` is the POST that would change it; ``state(kwargs)`` reads
    what the POST changes, so the test can see whether it changed. ``get`` says
    whether the URL also shows a page (a form) on GET.
    """

    name: str
    arrange: Callable
    data: Callable
    state: Callable
    get: bool = True
    expected: dict | None = None  # who -> outcome, where it differs from EXPECTED
    label: str = ""

    @property
    def id(self):
        return f"{self.name}[{self.label}]" if self.label else self.name


def enschede_contact_details(kwargs):
    return Organization.objects.values("email", "phone").get(slug="enschede")


WRITES = [
    Write(
        "organization_edit",
        arrange=lambda cast: {"slug": "enschede"},
        data=lambda kwargs: {
            "email": "wmoloket@enschede.example",
            "phone": "14 053",
            "website": "",
        },
        state=enschede_contact_details,
    ),
    # Only a coordinator of the region invites: Enschede's own editor may not (403).
    Write(
        "organization_invite",
        arrange=lambda cast: {"slug": "enschede"},
        data=lambda kwargs: {
            "first_name": "Sanne",
            "last_name": "de Vries",
            "email": "sanne.devries@enschede.example",
            "role": "editor",
        },
        state=lambda kwargs: sorted(
            get_user_model()
            .objects.filter(email="sanne.devries@enschede.example")
            .values_list("memberships__organization__slug", "memberships__role")
        ),
        expected={"enschede.editor": 403},
        label="invitation",
    ),
]

# The pillar apps: each adds its write URLs in its own block (keep the blocks apart).


# network
def _enschede_service(cast, **fields):
    """A service maintained by Enschede (and serving it), with a link partner."""
    import datetime

    from network import taxonomy
    from network.models import Provider, Role, Service

    taxonomy.load()
    enschede = Organization.objects.get(slug="enschede")
    provider, _ = Provider.objects.get_or_create(
        name="Stichting Naast Enschede", maintained_by=enschede
    )
    role = Role.objects.get(slug="onafhankelijke-clientondersteuner")
    service = Service.objects.create(
        owning_organization=enschede,
        provider=provider,
        role=role,
        name=fields.pop("name", "Cliëntondersteuning Enschede"),
        description="Helpt inwoners.",
        verified_on=datetime.date(2020, 1, 1),
        **fields,
    )
    service.municipalities.add(enschede)
    return service


def _enschede_link(cast):
    from network.models import Link

    one = _enschede_service(cast)
    two = _enschede_service(cast, name="Wijkteam Enschede")
    link = Link.objects.create(
        municipality=one.owning_organization, from_service=two, to_service=one, kind="refers_to"
    )
    return link


def _service_post(kwargs):
    from network.models import Provider, Role

    enschede = Organization.objects.get(slug="enschede")
    return {
        "name": "Nieuwe naam",
        "role": Role.objects.get(slug="onafhankelijke-clientondersteuner").pk,
        "provider": Provider.objects.get(name="Stichting Naast Enschede").pk,
        "description": "Een nieuwe beschrijving.",
        "municipalities": [enschede.pk],
        "formality": "formal",
        "languages": "Nederlands",
        "version": 1,
    }


def _service_state(name):
    def state(kwargs):
        from network.models import Service

        return list(Service.objects.values_list("name", "archived", "verified_on", "version"))

    return state


def _csv_upload(kwargs):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from network.importing import COLUMNS

    row = dict.fromkeys(COLUMNS, "")
    row.update(
        naam="Geïmporteerde dienst",
        rol="wijkteam",
        aanbieder="Gemeente Enschede",
        beschrijving="Uit een bestand.",
        gemeenten="enschede",
        soort="formeel",
        onafhankelijk="nee",
        gratis="ja",
        gearchiveerd="nee",
    )
    content = ",".join(COLUMNS) + "\n" + ",".join(row[c] for c in COLUMNS) + "\n"
    return {"file": SimpleUploadedFile("diensten.csv", content.encode(), "text/csv")}


def _pending_import(cast):
    from network.models import ServiceImport

    _enschede_service(cast)
    pending = ServiceImport.objects.create(
        organization=Organization.objects.get(slug="enschede"),
        user=cast["enschede.editor"],
        file_name="diensten.csv",
        rows=[
            {
                "row": 2,
                "action": "created",
                "changes": [],
                "version": None,
                "values": {
                    "id": "",
                    "naam": "Geïmporteerde dienst",
                    "rol": "wijkteam",
                    "aanbieder": "Gemeente Enschede",
                    "beschrijving": "Uit een bestand.",
                    "gemeenten": "enschede",
                    "levensgebieden": "",
                    "doelgroepen": "",
                    "wetten": "wmo",
                    "soort": "formeel",
                    "onafhankelijk": "nee",
                    "gratis": "ja",
                    "talen": "",
                    "telefoon": "",
                    "email": "",
                    "website": "",
                    "bezoekadres": "",
                    "postcode": "",
                    "plaats": "",
                    "openingstijden": "",
                    "laatst_gecontroleerd": "",
                    "gearchiveerd": "nee",
                },
            }
        ],
        summary={"created": 1, "changed": 0, "archived": 0, "unchanged": 0},
    )
    return {"slug": "enschede", "uuid": pending.uuid}


def _all_services(kwargs):
    from network.models import Service

    return sorted(Service.objects.values_list("name", flat=True))


def _links(kwargs):
    from network.models import Link

    return list(Link.objects.values_list("kind", "note", "from_service", "to_service"))


def _progress(kwargs):
    from network.models import StepProgress

    return list(StepProgress.objects.values_list("status", "note"))


def _imports(kwargs):
    from network.models import ServiceImport

    return ServiceImport.objects.count()


WRITES += [
    Write(
        "network:service_create",
        arrange=lambda cast: _enschede_service(cast) and {"slug": "enschede"},
        data=_service_post,
        state=_all_services,
    ),
    Write(
        "network:service_edit",
        arrange=lambda cast: {"pk": _enschede_service(cast).pk},
        data=_service_post,
        state=_service_state("edit"),
    ),
    Write(
        "network:service_archive",
        arrange=lambda cast: {"pk": _enschede_service(cast).pk},
        data=lambda kwargs: {"version": 1},
        state=_service_state("archive"),
    ),
    Write(
        "network:service_unarchive",
        arrange=lambda cast: {"pk": _enschede_service(cast, archived=True).pk},
        data=lambda kwargs: {"version": 1},
        state=_service_state("unarchive"),
    ),
    Write(
        "network:service_verify",
        arrange=lambda cast: {"pk": _enschede_service(cast).pk},
        data=lambda kwargs: {"version": 1},
        state=_service_state("verify"),
        get=False,
    ),
    Write(
        "network:link_create",
        arrange=lambda cast: _enschede_link(cast) and {"slug": "enschede"},
        data=lambda kwargs: {
            "from_service": Organization.objects.get(slug="enschede").network_services.first().pk,
            "to_service": Organization.objects.get(slug="enschede").network_services.last().pk,
            "kind": "works_with",
            "note": "Samen op huisbezoek.",
            "version": 1,
        },
        state=_links,
    ),
    Write(
        "network:link_edit",
        arrange=lambda cast: {"pk": _enschede_link(cast).pk},
        data=lambda kwargs: {
            "from_service": Organization.objects.get(slug="enschede").network_services.last().pk,
            "to_service": Organization.objects.get(slug="enschede").network_services.first().pk,
            "kind": "hands_over_to",
            "note": "Warme overdracht.",
            "version": 1,
        },
        state=_links,
    ),
    Write(
        "network:link_delete",
        arrange=lambda cast: {"pk": _enschede_link(cast).pk},
        data=lambda kwargs: {},
        state=_links,
    ),
    Write(
        "network:step_progress_edit",
        arrange=lambda cast: {"slug": "enschede", "number": 1},
        data=lambda kwargs: {
            "status": "done",
            "date": "2026-01-15",
            "note": "Klaar.",
            "version": 0,
        },
        state=_progress,
    ),
    Write(
        "network:import",
        arrange=lambda cast: _enschede_service(cast) and {"slug": "enschede"},
        data=_csv_upload,
        state=_imports,
    ),
    Write(
        "network:import_confirm",
        arrange=_pending_import,
        data=lambda kwargs: {"confirm": "1"},
        state=_all_services,
    ),
]

# network: finder, unmet demand, HSDS


def _enschede_report(cast):
    from finder.models import ServiceReport
    from network.models import Provider, Role, Service

    enschede = Organization.objects.get(slug="enschede")
    provider = Provider.objects.create(name="Meldpunt Voorbeeld", maintained_by=enschede)
    service = Service.objects.create(
        owning_organization=enschede,
        provider=provider,
        role=Role.objects.order_by("pk").first(),
        name="Dienst met een melding",
        description="Een dienst waarover een inwoner iets meldde.",
    )
    service.municipalities.add(enschede)
    report = ServiceReport.objects.create(service=service, reason=ServiceReport.Reason.CONTACT)
    return {"pk": report.pk}


def _report_state(kwargs):
    from finder.models import ServiceReport

    return ServiceReport.objects.values("status", "closing_note").get(pk=kwargs["pk"])


WRITES += [
    Write(
        "finder:report_close",
        arrange=_enschede_report,
        data=lambda kwargs: {"note": "Telefoonnummer aangepast.", "led_to_change": "on"},
        state=_report_state,
    ),
]


def _enschede_embed(kwargs):
    from finder.models import FinderEmbed

    return list(FinderEmbed.objects.values_list("municipality__slug", "origins", "version"))


WRITES += [
    Write(
        "finder:embed_settings",
        arrange=lambda cast: {"slug": "enschede"},
        data=lambda kwargs: {"origins": "https://www.enschede.nl", "version": "1"},
        state=_enschede_embed,
    ),
]


UNMET_DEMAND_SEES = {
    None: LOGIN,
    "hengelo.editor": set(),
    "menzis.adviser": set(),
    "enschede.viewer": {"Enschede"},
    "enschede.editor": {"Enschede"},
    "twente.coordinator": {"Enschede"},
    "achterhoek.coordinator": {"Winterswijk"},
}


@pytest.mark.parametrize("who", list(UNMET_DEMAND_SEES), ids=lambda who: who or "anonymous")
def test_the_unmet_demand_page_shows_each_user_only_their_own_scope(client, everyone, who):
    from finder.models import LifeSituation
    from finder.services import count_search

    situation = LifeSituation.objects.order_by("pk").first()
    for slug in ("enschede", "winterswijk"):
        count_search(
            Organization.objects.get(slug=slug),
            situation,
            age_group="",
            preference="",
            language="",
            result_count=0,
            independent_found=False,
        )
    login(client, everyone, who)
    for name in ("finder:unmet_demand", "finder:unmet_demand_csv"):
        response = client.get(reverse(name))
        if UNMET_DEMAND_SEES[who] == LOGIN:
            assert_outcome(response, LOGIN)
            continue
        assert response.status_code == 200
        if name == "finder:unmet_demand":
            seen = {row["municipality_name"] for row in response.context["page"]["rows"]}
            assert seen == UNMET_DEMAND_SEES[who]


# criteria


def arrange_enschede_agreements(cast):
    from criteria.demo import seed_framework

    seed_framework(Organization.objects.get(slug="enschede").region)
    return {"slug": "enschede"}


def enschede_agreement_on_on1(kwargs):
    from criteria.models import Criterion

    return {f"status_{Criterion.objects.get(code='ON-1').pk}": "agreed"}


def enschede_agreements(kwargs):
    from criteria.models import LocalAgreement

    return list(
        LocalAgreement.objects.filter(municipality__slug="enschede").values_list(
            "criterion__code", "status", "version"
        )
    )


WRITES += [
    # The agreements page is readable by everyone logged in: only the POST is tried.
    Write(
        "criteria:agreements",
        arrange=arrange_enschede_agreements,
        data=enschede_agreement_on_on1,
        state=enschede_agreements,
        get=False,
    ),
]


# monitoring
def _monitoring_write(name, status, data, *, label, get=False, expected=None, filled=False):
    """A write on Enschede's report of the current quarter in the given state."""
    from monitoring.models import Report

    from .monitoring.fixtures import make_report, report_state

    return Write(
        name,
        arrange=lambda cast: {"pk": make_report("enschede", status, filled=filled).pk},
        data=lambda kwargs: data(Report.objects.get(pk=kwargs["pk"])),
        state=lambda kwargs: report_state(kwargs["pk"]),
        get=get,
        expected=expected,
        label=label,
    )


def _monitoring_post(action):
    def data(report):
        from .monitoring.fixtures import valid_post

        return valid_post(report, action)

    return data


def _monitoring_upload(report):
    """The report's own download, filled in with believable values."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    from monitoring.spreadsheet import write_report

    from .monitoring.fixtures import demo_values

    book = load_workbook(BytesIO(write_report(report)))
    _indicators, values = demo_values(report)
    for sheet in book.worksheets[1:]:
        if sheet.sheet_state != "visible":
            continue  # the version mark
        for row in sheet.iter_rows(min_row=2):
            number, text = values.get((row[0].value, row[1].value or ""), (None, ""))
            row[5].value = text or (None if number is None else float(number))
    output = BytesIO()
    book.save(output)
    return {"file": SimpleUploadedFile("rapportage.xlsx", output.getvalue())}


def _monitoring_tampered(report):
    from .monitoring.fixtures import make_report, valid_post

    other = make_report("hengelo") if Organization.objects.filter(slug="hengelo").exists() else None
    data = valid_post(report)
    data["report"] = str(other.pk if other else report.pk + 1000)
    return data


def _monitoring_start_state(kwargs):
    from monitoring.models import Report

    return Report.objects.filter(organization__slug="enschede").count()


def _monitoring_start_data(kwargs):
    from monitoring.models import Period

    from .monitoring.fixtures import current_quarter_start

    return {
        "organization": "enschede",
        "period": Period.objects.get(start=current_quarter_start()).pk,
    }


def _monitoring_start_arrange(cast):
    import datetime

    from monitoring import demo

    from .monitoring.fixtures import demo_format

    demo_format(Organization.objects.get(slug="enschede"))
    demo.seed_periods(datetime.date.today(), count=1)
    return {}


_FILL_ONLY = {"twente.coordinator": 403}  # coordinators review; editors fill in
_REVIEW_ONLY = {"enschede.editor": 403}  # editors do not approve their own reports

WRITES += [
    Write(
        "monitoring:start",
        arrange=_monitoring_start_arrange,
        data=_monitoring_start_data,
        state=_monitoring_start_state,
        get=False,
        expected=_FILL_ONLY,
        label="start a report",
    ),
    _monitoring_write(
        "monitoring:report",
        "draft",
        _monitoring_post("save"),
        label="save as draft",
        expected=_FILL_ONLY,
    ),
    _monitoring_write(
        "monitoring:report",
        "draft",
        _monitoring_post("submit"),
        label="submit",
        expected=_FILL_ONLY,
    ),
    _monitoring_write(
        "monitoring:report",
        "draft",
        _monitoring_tampered,
        label="tampered form with another organization's report id",
        expected={"enschede.editor": 400, "twente.coordinator": 403},
    ),
    _monitoring_write(
        "monitoring:approve",
        "submitted",
        lambda report: {"version": str(report.version)},
        label="approve",
        expected=_REVIEW_ONLY,
        filled=True,
    ),
    _monitoring_write(
        "monitoring:return",
        "submitted",
        lambda report: {"version": str(report.version), "comment": "Klopt 480 wel?"},
        label="return with a comment",
        expected=_REVIEW_ONLY,
        filled=True,
    ),
    _monitoring_write(
        "monitoring:reopen",
        "approved",
        lambda report: {"version": str(report.version)},
        label="reopen",
        expected=_REVIEW_ONLY,
        filled=True,
    ),
    _monitoring_write(
        "monitoring:upload",
        "draft",
        _monitoring_upload,
        label="upload a spreadsheet",
        get=True,
        expected=_FILL_ONLY,
    ),
]


# municipalities: Enschede's contact persons
def _enschede_contact(cast):
    from municipalities.models import ContactPerson

    contact = ContactPerson.objects.create(
        municipality=Organization.objects.get(slug="enschede"),
        name="Sanne Wolters",
        position="beleidsadviseur",
    )
    return {"slug": "enschede", "pk": contact.pk}


def _enschede_contacts(kwargs):
    from municipalities.models import ContactPerson

    return list(
        ContactPerson.objects.filter(municipality__slug="enschede").values_list(
            "name", "position", "version"
        )
    )


WRITES += [
    Write(
        "municipalities:contact_create",
        arrange=lambda cast: {"slug": "enschede"},
        data=lambda kwargs: {"name": "Mehmet Yıldız", "position": "Wmo-loket", "order": "1"},
        state=_enschede_contacts,
    ),
    Write(
        "municipalities:contact_edit",
        arrange=_enschede_contact,
        data=lambda kwargs: {
            "name": "Sanne Wolters",
            "position": "beleidsadviseur cliëntondersteuning",
            "order": "0",
            "version": "1",
        },
        state=_enschede_contacts,
    ),
    Write(
        "municipalities:contact_remove",
        arrange=_enschede_contact,
        data=lambda kwargs: {"version": "1"},
        state=_enschede_contacts,
    ),
]


# documents: a document of Twente, kept by the region's coordinators. Members of the
# region read it when it is published (then they get 403), not when it is not (404).
def _twente_document(published=True):
    def arrange(cast):
        from toolbox_site.models import Region

        from .documents.fixtures import make_document

        region = Region.objects.get(slug="twente")
        return {"slug": make_document(region, "notulen-overleg", published=published).slug}

    return arrange


def _document_state(kwargs):
    from documents.models import Document

    document = Document.objects.get(slug=kwargs["slug"])
    return (document.title, document.published, document.version, document.files.count())


def _document_version(kwargs):
    from documents.models import Document

    return Document.objects.get(slug=kwargs["slug"]).version


def _document_slugs(kwargs):
    from documents.models import Document

    return sorted(Document.objects.values_list("slug", flat=True))


def _new_document(kwargs):
    from toolbox_site.models import Region

    return {
        "title": "Werkafspraken",
        "summary": "Hoe we samenwerken.",
        "pillar": "network",
        "audiences": ["municipality"],
        "region": str(Region.objects.get(slug="twente").pk),
        "external_url": "https://www.example.org/werkafspraken",
        "version": "0",
    }


def _new_file(kwargs):
    from .documents.fixtures import upload

    return {"file": upload("notulen-2.pdf"), "version": _document_version(kwargs)}


_READERS_403 = {
    "hengelo.editor": 403,
    "menzis.adviser": 403,
    "enschede.viewer": 403,
    "enschede.editor": 403,
}
_UNPUBLISHED_404 = {"enschede.viewer": 404, "enschede.editor": 404}

WRITES += [
    # Any coordinator may add documents, to their own region only: Twente is not
    # among the other region's coordinator's choices (the form says so, 200).
    Write(
        "documents:create",
        arrange=lambda cast: {},
        data=_new_document,
        state=_document_slugs,
        expected={**_READERS_403, "achterhoek.coordinator": 200},
    ),
    Write(
        "documents:edit",
        arrange=_twente_document(),
        data=lambda kwargs: {
            **_new_document(kwargs),
            "title": "Notulen van het overleg",
            "external_url": "",
            "version": _document_version(kwargs),
        },
        state=_document_state,
        expected=_READERS_403,
    ),
    Write(
        "documents:replace",
        arrange=_twente_document(),
        data=_new_file,
        state=_document_state,
        expected=_READERS_403,
    ),
    Write(
        "documents:publish",
        arrange=_twente_document(published=False),
        data=lambda kwargs: {"version": _document_version(kwargs)},
        state=_document_state,
        get=False,
        expected=_UNPUBLISHED_404,
    ),
    Write(
        "documents:unpublish",
        arrange=_twente_document(),
        data=lambda kwargs: {"version": _document_version(kwargs)},
        state=_document_state,
        get=False,
        expected=_READERS_403,
    ),
]


# practice
def _enschede_example(published):
    def arrange(cast):
        from tests.practice.fixtures import make_example

        example = make_example(
            Organization.objects.get(slug="enschede"), "Voorbeeld van Enschede", published=published
        )
        return {"slug": example.slug}

    return arrange


def _example_post(kwargs):
    return {
        "title": "Nieuw voorbeeld van Enschede",
        "municipality": Organization.objects.get(slug="enschede").pk,
        "pillar": "network",
        "what_was_done": "Wat we deden.",
        "what_it_brought": "Wat het opleverde.",
        "version": 1,
    }


def _examples(kwargs):
    from practice.models import PracticeExample

    return list(
        PracticeExample.objects.order_by("pk").values_list(
            "title", "municipality__slug", "published", "version"
        )
    )


WRITES += [
    # Writing for Enschede: who edits no municipality may not write (403); an editor of
    # another municipality or region gets the form back, Enschede not being a choice.
    Write(
        "practice:create",
        arrange=lambda cast: {},
        data=_example_post,
        state=_examples,
        expected={
            "hengelo.editor": 200,
            "menzis.adviser": 403,
            "achterhoek.coordinator": 200,
        },
    ),
    # A draft: only Enschede's members and the region's coordinators see it.
    Write("practice:edit", arrange=_enschede_example(False), data=_example_post, state=_examples),
    Write(
        "practice:publish",
        arrange=_enschede_example(False),
        data=lambda kwargs: {"version": 1},
        state=_examples,
        get=False,
    ),
    # A published example: every member reads it, only Enschede's editors change it.
    Write(
        "practice:unpublish",
        arrange=_enschede_example(True),
        data=lambda kwargs: {"version": 1},
        state=_examples,
        get=False,
        expected={"hengelo.editor": 403, "menzis.adviser": 403, "achterhoek.coordinator": 403},
    ),
]

# callbacks: "Bel mij terug"


def _enschede_callback(cast):
    """A new call-back request for a service Enschede maintains (the report's service)."""
    from finder import situations
    from finder.models import ServiceReport

    from .callbacks.fixtures import make_callback

    situations.load()
    report = ServiceReport.objects.get(pk=_enschede_report(cast)["pk"])
    return {"pk": make_callback(report.service).pk}


def _callback_state(kwargs):
    from callbacks.models import CallbackRequest

    return CallbackRequest.objects.values("status", "handled_by", "version").get(pk=kwargs["pk"])


WRITES += [
    Write(
        "callbacks:mark",
        arrange=_enschede_callback,
        data=lambda kwargs: {"status": "called", "version": "1"},
        state=_callback_state,
        get=False,
    ),
]


# Who gets what on a URL that changes Enschede's data.
EXPECTED = {
    None: LOGIN,
    "hengelo.editor": 404,
    "menzis.adviser": 404,
    "enschede.viewer": 403,
    "enschede.editor": OK,
    "twente.coordinator": OK,
    "achterhoek.coordinator": 404,
}


@pytest.fixture
def everyone(cast, elsewhere):
    """The cast, and a coordinator of another region."""
    from .factories import make_organization

    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    coordinator = make_user(
        "achterhoek.coordinator", team, Membership.Role.COORDINATOR, is_staff=True
    )
    return {**cast, "achterhoek.coordinator": coordinator}


def login(client, cast, who):
    if who:
        client.force_login(cast[who])
    return client


def assert_outcome(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("login")
    elif expected == OK:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert urlparse(response["Location"]).path != reverse("login")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("who", list(EXPECTED), ids=lambda who: who or "anonymous")
@pytest.mark.parametrize("write", WRITES, ids=[write.id for write in WRITES])
def test_a_write_url_answers_everyone_as_expected(client, everyone, who, write):
    expected = {**EXPECTED, **(write.expected or {})}[who]
    kwargs = write.arrange(everyone)
    url = reverse(write.name, kwargs=kwargs)
    login(client, everyone, who)
    if write.get:
        assert_outcome(client.get(url), expected)
    before = write.state(kwargs)
    assert_outcome(client.post(url, write.data(kwargs)), expected)
    after = write.state(kwargs)
    if expected == OK:
        assert after != before, "the write did not change anything"
    else:
        assert after == before


def test_a_coordinator_of_another_region_may_not_change_enschede(client, cast, elsewhere):
    from .factories import make_organization

    team = make_organization(
        elsewhere.region, "Regioteam Achterhoek", kind=Organization.Kind.REGION_TEAM
    )
    client.force_login(make_user("achterhoek.coordinator", team, Membership.Role.COORDINATOR))
    response = client.post(
        reverse("organization_edit", kwargs={"slug": "enschede"}), WRITES[0].data({})
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["account", "password_change", "profile_edit"])
def test_the_own_account_pages_require_a_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("login")


@pytest.mark.parametrize("who", [w for w in EXPECTED if w and w in CAST], ids=str)
def test_every_member_may_change_their_own_password(client, cast, who):
    client.force_login(cast[who])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "een nieuw en lang wachtwoord",
            "new_password2": "een nieuw en lang wachtwoord",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username=who).check_password("een nieuw en lang wachtwoord")


ADMIN_EXPECTED = {
    None: "admin-login",
    "hengelo.editor": "admin-login",
    "enschede.viewer": "admin-login",
    "enschede.editor": "admin-login",
    "menzis.adviser": "admin-login",
    "twente.coordinator": OK,
}


@pytest.mark.parametrize("who", list(ADMIN_EXPECTED), ids=lambda who: who or "anonymous")
def test_only_staff_coordinators_reach_the_admin(client, cast, who):
    login(client, cast, who)
    response = client.get(reverse("admin:toolbox_site_organization_changelist"))
    if ADMIN_EXPECTED[who] == OK:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("admin:login")


# The membership form's account picker: coordinators of any region, nobody else.
PICKER_EXPECTED = {
    None: "admin-login",
    "hengelo.editor": "admin-login",
    "enschede.viewer": "admin-login",
    "enschede.editor": "admin-login",
    "menzis.adviser": "admin-login",
    "twente.coordinator": OK,
    "achterhoek.coordinator": OK,
}


@pytest.mark.parametrize("who", list(PICKER_EXPECTED), ids=lambda who: who or "anonymous")
def test_the_account_picker_answers_everyone_as_expected(client, everyone, who):
    login(client, everyone, who)
    url = reverse("admin:toolbox_site_membership_accounts")
    response = client.get(url, {"term": "enschede"})
    if PICKER_EXPECTED[who] == OK:
        assert response.status_code == 200
        texts = {result["text"] for result in response.json()["results"]}
        assert texts == {"enschede.editor", "enschede.viewer"}
    else:
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("admin:login")
    assert client.post(url, {"term": "enschede"}).status_code in (302, 403, 405)


def test_a_staff_member_who_coordinates_nothing_may_not_use_the_account_picker(client, cast):
    client.force_login(make_user("medewerker", is_staff=True))
    url = reverse("admin:toolbox_site_membership_accounts")
    assert client.get(url, {"term": "enschede"}).status_code == 403


@pytest.mark.parametrize("who", list(PICKER_EXPECTED), ids=lambda who: who or "anonymous")
def test_nobody_but_superusers_reaches_the_user_list(client, everyone, who):
    login(client, everyone, who)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert urlparse(response["Location"]).path == reverse("admin:login")


def test_the_coordinator_changes_organizations_of_the_own_region_in_the_admin(
    client, coordinator, enschede
):
    client.force_login(coordinator)
    url = reverse("admin:toolbox_site_organization_change", args=[enschede.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Enschede",
            "cbs_code": "GM0153",
            "inhabitants": "162000",
            "participates": "on",
            "email": "",
            "phone": "",
            "website": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    enschede.refresh_from_db()
    assert enschede.inhabitants == 162000


def test_the_coordinator_does_not_see_another_region_in_the_admin(client, coordinator, elsewhere):
    client.force_login(coordinator)
    changelist = client.get(reverse("admin:toolbox_site_organization_changelist"))
    assert "Winterswijk" not in changelist.content.decode()
    url = reverse("admin:toolbox_site_organization_change", args=[elsewhere.pk])
    response = client.get(url)
    # The admin treats an object outside the queryset as missing.
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("admin:index")


def test_the_coordinator_may_not_add_or_delete_organizations(client, coordinator, enschede):
    client.force_login(coordinator)
    assert client.get(reverse("admin:toolbox_site_organization_add")).status_code == 403
    url = reverse("admin:toolbox_site_organization_delete", args=[enschede.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Organization.objects.filter(pk=enschede.pk).exists()


@pytest.mark.parametrize("who", [w for w in EXPECTED if w and w in CAST], ids=str)
def test_every_member_changes_only_their_own_details(client, cast, who):
    client.force_login(cast[who])
    response = client.post(
        reverse("profile_edit"),
        {
            "first_name": "Nieuwe",
            "last_name": "Naam",
            "email": f"nieuw.{who}@example.org",
            "current_password": "correct horse battery staple",
        },
    )
    assert response.status_code == 302
    changed = get_user_model().objects.filter(first_name="Nieuwe")
    assert [user.username for user in changed] == [who]


@pytest.mark.parametrize("who", list(ADMIN_EXPECTED), ids=lambda who: who or "anonymous")
def test_only_coordinators_change_the_glossary(client, cast, who):
    """The glossary's terms hold nationally; the coordinators of a region keep them
    in the admin. Everyone else is sent to the admin's login and changes nothing."""
    from glossary.models import Term

    term = Term.objects.get(slug="wmo")
    login(client, cast, who)
    url = reverse("admin:glossary_term_change", args=[term.pk])
    response = client.post(
        url,
        {
            "name": "Wmo",
            "slug": "wmo",
            "also": term.also,
            "explanation": "Een nieuwe uitleg.",
            "name_en": term.name_en,
            "explanation_en": term.explanation_en,
        },
    )
    term.refresh_from_db()
    if ADMIN_EXPECTED[who] == OK:
        assert response.status_code == 302
        assert term.explanation == "Een nieuwe uitleg."
    else:
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("admin:login")
        assert term.explanation != "Een nieuwe uitleg."


@pytest.mark.parametrize("who", list(EXPECTED), ids=lambda who: who or "anonymous")
def test_everyone_may_ask_to_be_called_back(client, everyone, who):
    """The residents' call-back form is public: anyone, logged in or not, may post it."""
    from callbacks.models import CallbackRequest

    kwargs = _enschede_callback(everyone)
    service_id = CallbackRequest.objects.get(pk=kwargs["pk"]).service_id
    login(client, everyone, who)
    url = reverse("callbacks:create") + (
        f"?dienst={service_id}&gemeente=enschede&situatie=geldzorgen"
    )
    data = {"first_name": "Sem", "phone": "0612345678", "best_time": "any", "consent": "on"}
    assert client.post(url, data).status_code == 302
    assert CallbackRequest.objects.count() == 2
