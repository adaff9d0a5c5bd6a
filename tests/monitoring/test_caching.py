"""The cached parts of the monitoring pages (toolbox_site/freshness.py): a change shows
at once, and nobody gets the copy of a user who may see something else."""

from decimal import Decimal

from django.urls import reverse

from monitoring import services
from monitoring.models import Period, Report, Value
from toolbox_site import freshness

from .fixtures import current_quarter_start, make_report, valid_post

DASHBOARD = reverse("monitoring:dashboard")
COMPLETENESS = reverse("monitoring:completeness")
INDEX = reverse("monitoring:index")
OWN = reverse("monitoring:own")


def html_of(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- The dashboard --------------------------------------------------------------------


def test_a_changed_value_shows_on_the_warm_dashboard(client, cast, figures):
    url = f"{DASHBOARD}?indicator=clients_total"
    coordinator = cast["twente.coordinator"]
    # Enschede 100, Hengelo 50, Borne 20 in the first quarter.
    assert '<td class="text-end">170</td>' in html_of(client, coordinator, url)
    value = Value.objects.get(
        report__organization=figures["enschede"],
        report__period=figures["periods"][0],
        indicator__code="clients_total",
        dimension_item__isnull=True,
    )
    value.number = Decimal(200)
    value.save()
    html = html_of(client, coordinator, url)
    assert '<td class="text-end">270</td>' in html
    assert '<td class="text-end">170</td>' not in html


def test_a_report_that_is_no_longer_approved_leaves_the_warm_dashboard(client, cast, figures):
    url = f"{DASHBOARD}?indicator=clients_total"
    coordinator = cast["twente.coordinator"]
    assert '<td class="text-end">170</td>' in html_of(client, coordinator, url)
    report = Report.objects.get(organization=figures["borne"], period=figures["periods"][0])
    report.status = Report.Status.SUBMITTED
    report.save()
    html = html_of(client, coordinator, url)
    assert '<td class="text-end">150</td>' in html  # without Borne's 20


def hengelo_cells(html):
    """The cells of Hengelo's column (the table of the chosen municipalities)."""
    return html.split('id="table-municipalities"')[1].split("</table>")[0]


def test_the_own_small_number_is_never_served_to_another_organization(client, cast, figures):
    url = f"{DASHBOARD}?indicator=clients_total&gemeente=hengelo"
    own = hengelo_cells(html_of(client, cast["hengelo.editor"], url))
    assert '<td class="text-end">3</td>' in own
    other = hengelo_cells(html_of(client, cast["enschede.editor"], url))
    assert '<td class="text-end">3</td>' not in other
    assert "&lt; 5" in other
    # And the other way round, now that both are warm.
    own = hengelo_cells(html_of(client, cast["hengelo.editor"], url))
    assert '<td class="text-end">3</td>' in own


def test_the_public_dashboard_does_not_share_the_copy_of_a_member(client, cast, figures):
    query = "?indicator=clients_total&gemeente=hengelo"
    client.force_login(cast["hengelo.editor"])
    client.get(DASHBOARD + query)
    client.logout()
    public = client.get(reverse("monitoring:public") + query).content.decode()
    assert '<td class="text-end">3</td>' not in hengelo_cells(public)


# --- Completeness ----------------------------------------------------------------------


def test_a_viewer_never_gets_the_coordinators_completeness(client, cast, figures):
    coordinator = html_of(client, cast["twente.coordinator"], COMPLETENESS)
    assert "Hengelo</a></th>" in coordinator
    viewer = html_of(client, cast["enschede.viewer"], COMPLETENESS)
    assert "Enschede</a></th>" in viewer
    assert "Hengelo</a></th>" not in viewer


def test_a_changed_state_shows_on_the_warm_completeness_page(client, cast, figures):
    coordinator = cast["twente.coordinator"]
    before = html_of(client, coordinator, COMPLETENESS)
    assert "monitoring-status-submitted" not in before.split("<tbody>")[1]
    report = Report.objects.get(organization=figures["borne"], period=figures["periods"][-1])
    report.status = Report.Status.SUBMITTED
    report.save()
    after = html_of(client, coordinator, COMPLETENESS)
    assert "monitoring-status-submitted" in after.split("<tbody>")[1]


# --- A municipality's own view -----------------------------------------------------------


def clients_row(html):
    """The cells of the clients row: own value, average, median, count."""
    row = html.split("Unieke cliënten")[1].split("</tr>")[0]
    return [cell.split("</td>")[0] for cell in row.split('<td class="text-end">')[1:]]


def own_url(figures, slug=None):
    url = f"{OWN}?periode={figures['periods'][-1].start}"
    return f"{url}&gemeente={slug}" if slug else url


def test_an_approved_report_shows_on_the_warm_own_view(client, cast, figures):
    borne = Report.objects.get(organization=figures["borne"], period=figures["periods"][-1])
    borne.status = Report.Status.SUBMITTED
    borne.save()
    editor = cast["hengelo.editor"]
    # Hengelo's own 3 next to Enschede's 103: average and median 53, two reports.
    assert clients_row(html_of(client, editor, own_url(figures))) == ["3", "53,0", "53,0", "2"]
    services.approve(borne, cast["twente.coordinator"])
    # Borne's 20 counts now.
    assert clients_row(html_of(client, editor, own_url(figures))) == ["3", "42,0", "20,0", "3"]


def test_a_value_written_in_bulk_shows_on_the_warm_own_view(client, cast, figures):
    editor = cast["enschede.editor"]
    assert clients_row(html_of(client, editor, own_url(figures)))[0] == "103"
    Value.objects.filter(
        report__organization=figures["enschede"],
        report__period=figures["periods"][-1],
        indicator__code="clients_total",
        dimension_item__isnull=True,
    ).update(number=Decimal(130))
    freshness.changed("monitoring")  # a bulk write sends no signal
    assert clients_row(html_of(client, editor, own_url(figures)))[0] == "130"


def test_the_own_small_number_is_never_served_on_the_own_view_to_another_user(
    client, cast, figures
):
    url = own_url(figures, "hengelo")
    hengelo = ["3", "42,0", "20,0", "3"]
    # The same address: the coordinator sees Hengelo with its small number hidden, and
    # the average that would give it away.
    assert clients_row(html_of(client, cast["hengelo.editor"], url)) == hengelo
    coordinator = html_of(client, cast["twente.coordinator"], url)
    assert clients_row(coordinator) == ["&lt; 5", "×", "20,0", "3"]
    assert clients_row(html_of(client, cast["hengelo.editor"], url)) == hengelo


def test_a_member_never_gets_the_copy_of_another_municipality(client, cast, figures):
    url = own_url(figures, "hengelo")
    assert "Hengelo naast de gemeenten" in html_of(client, cast["twente.coordinator"], url)
    html = html_of(client, cast["enschede.editor"], url)
    assert "Enschede naast de gemeenten" in html
    assert clients_row(html)[:2] == ["103", "×"]


# --- The index -------------------------------------------------------------------------


def test_a_started_report_shows_on_the_warm_index(client, cast):
    make_report("hengelo")  # the format and the current period
    editor = cast["enschede.editor"]
    html = html_of(client, editor, INDEX)
    period = Period.objects.get(start=current_quarter_start())
    # The start button belongs to the form outside the cached part (it holds the token).
    assert 'id="start-report"' in html
    assert f'form="start-report" name="start" value="enschede {period.pk}"' in html
    response = client.post(reverse("monitoring:start"), {"start": f"enschede {period.pk}"})
    report = Report.objects.get(organization__slug="enschede", period=period)
    assert response["Location"] == report.get_absolute_url()
    html = html_of(client, editor, INDEX)
    assert report.get_absolute_url() in html
    assert 'name="start" value="enschede ' not in html


def test_the_index_is_never_served_to_another_user(client, cast):
    make_report("hengelo")
    assert "<h2>Hengelo</h2>" in html_of(client, cast["hengelo.editor"], INDEX)
    html = html_of(client, cast["enschede.editor"], INDEX)
    assert "<h2>Enschede</h2>" in html
    assert "<h2>Hengelo</h2>" not in html


# --- The report form -------------------------------------------------------------------


def test_a_saved_value_shows_on_the_warm_report_form(client, cast):
    report = make_report("enschede")
    url = reverse("monitoring:report", args=[report.pk])
    editor = cast["enschede.editor"]
    assert 'value="17"' not in html_of(client, editor, url)
    data = valid_post(report)
    data["v__waiting_days"] = "17"
    assert client.post(url, data).status_code == 302
    html = html_of(client, editor, url)
    assert 'value="17"' in html
    report.refresh_from_db()
    assert f'name="version" value="{report.version}"' in html


def test_a_reader_never_gets_the_editors_form_and_back(client, cast):
    report = make_report("enschede")
    url = reverse("monitoring:report", args=[report.pk])
    editable = html_of(client, cast["enschede.editor"], url)
    assert 'name="v__clients_total" id="id_v__clients_total"' in editable
    read_only = html_of(client, cast["enschede.viewer"], url)
    assert "disabled" in read_only.split('id="id_v__clients_total"')[1][:200]
    again = html_of(client, cast["enschede.editor"], url)
    assert "disabled" not in again.split('id="id_v__clients_total"')[1][:200]


def test_the_history_follows_a_save(client, cast):
    report = make_report("enschede")
    url = reverse("monitoring:report", args=[report.pk])
    editor = cast["enschede.editor"]
    assert "opgeslagen" not in html_of(client, editor, url).split('id="history-title"')[1]
    client.post(url, valid_post(report))
    assert "opgeslagen" in html_of(client, editor, url).split('id="history-title"')[1].lower()
