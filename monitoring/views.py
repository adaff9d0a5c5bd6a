"""Monitoring pages: the user's reports, the report form, the workflow and the spreadsheet.

Rights: the reporting organization's editors fill in and submit; the region's
coordinators approve, return and reopen; every member reads. Another
organization's report is "not found"; a member without the right gets 403.
"""

import datetime
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from toolbox_site import freshness
from toolbox_site.dates import show_date, show_datetime
from toolbox_site.models import AuditEvent, Organization
from toolbox_site.people import display_name
from toolbox_site.permissions import access_for, get_object_for_user, is_region_coordinator
from toolbox_site.validators import has_control_characters

from . import services, spreadsheet
from .forms import UploadForm
from .models import Indicator, MonitoringFormat, Period, Report
from .rules import is_reporting_editor
from .validation import (
    MAX_TEXT,
    cells_of,
    comment_name,
    field_name,
    validate,
)

MAX_PK = 2**31 - 1
MAX_COMMENT = 2000
RECENT_PERIODS = 8
CHECK_PARAMETER = "check"
NOT_SUBMITTED = gettext_lazy("The report has not been submitted: correct the problems below first.")
REPORTING_KINDS = [Organization.Kind.MUNICIPALITY, Organization.Kind.CARE_OFFICE]


def report_or_404(user, pk, *, write=False):
    if pk > MAX_PK:
        raise Http404
    return get_object_for_user(
        user,
        Report.objects.select_related("organization", "format", "period", "submitted_by"),
        write=write,
        pk=pk,
    )


def person(user):
    if user is None:
        return _("someone")
    return display_name(user)


def next_step(report, period, may_fill):
    """What the organization should do next, in plain words."""
    if report is None:
        if not period.is_open:
            return _("Not reported; the period is closed")
        return _("Fill in") if may_fill else _("Not started yet")
    if report.status == Report.Status.DRAFT:
        if not period.is_open:
            return _("Not submitted; the period is closed")
        return _("Fill in and submit") if may_fill else _("Being filled in")
    if report.status == Report.Status.RETURNED:
        return _("Correct after return and submit again")
    if report.status == Report.Status.SUBMITTED:
        return _("Nothing: awaiting approval")
    return _("Nothing: approved")


def formats_by_kind(region_ids):
    """The active format per (region, kind): each region team maintains its own."""
    formats = (
        MonitoringFormat.objects.filter(
            active=True, organization__region_id__in=list(region_ids) or [0]
        )
        .annotate(region_id=F("organization__region_id"))
        .only("pk", "organization_kind", "period_type", "version")
        .order_by("version")
    )
    return {(fmt.region_id, fmt.organization_kind): fmt for fmt in formats}


@login_required
def index(request):
    user = request.user
    return render(
        request,
        "monitoring/index.html",
        {
            # The lists are a cached fragment per user (toolbox_site/freshness.py): built
            # only when it is missing. What the user may do follows from their
            # memberships and roles (toolbox_site's version).
            "viewer": user.pk,
            "versions": freshness.versions("monitoring", "toolbox_site"),
            "page": SimpleLazyObject(lambda: index_data(user)),
            "breadcrumbs": [(_("Monitoring"), None)],
        },
    )


def index_data(user):
    access = access_for(user)
    today = datetime.date.today()
    # The organizations, each with the period type of its region's active format.
    format_period_type = (
        MonitoringFormat.objects.filter(
            active=True,
            organization__region_id=OuterRef("region_id"),
            organization_kind=OuterRef("kind"),
        )
        .order_by("-version")
        .values("period_type")[:1]
    )
    organizations = list(
        Organization.objects.filter(pk__in=list(access.roles), kind__in=REPORTING_KINDS)
        .annotate(period_type=Subquery(format_period_type))
        .order_by("name")
    )
    periods = list(
        Period.objects.filter(Q(is_open=True) | Q(start__lte=today)).order_by("-start", "type")[
            :RECENT_PERIODS
        ]
    )
    reports = {
        (report.organization_id, report.period_id): report
        # "or [0]": the query runs even without organizations, so the count stays fixed.
        for report in Report.objects.filter(
            organization_id__in=[organization.pk for organization in organizations] or [0],
            period_id__in=[period.pk for period in periods] or [0],
        )
        .select_related("period")
        .order_by()
    }
    groups = []
    for organization in organizations:
        may_fill = is_reporting_editor(user, organization)
        rows = []
        for period in periods:
            report = reports.get((organization.pk, period.pk))
            if report is None and organization.period_type != period.type:
                continue
            rows.append(
                {
                    "period": period,
                    "report": report,
                    "deadline": period.deadline_words(today),
                    "next": next_step(report, period, may_fill),
                    "may_start": report is None and may_fill and period.is_open,
                }
            )
        groups.append({"organization": organization, "rows": rows, "may_fill": may_fill})
    coordinator = is_region_coordinator(user)
    awaiting = []
    if coordinator:
        awaiting = list(
            Report.objects.reviewable_by(user)
            .filter(status=Report.Status.SUBMITTED)
            .select_related("organization", "period")
            .order_by("period__start", "organization__name")[:200]
        )
    return {"groups": groups, "awaiting": awaiting, "is_coordinator": coordinator}


@login_required
@require_POST
def start(request):
    """Start the report of an organization for an open period (or open the existing one)."""
    slug = request.POST.get("organization", "")
    period_id = request.POST.get("period", "")
    # The index's buttons belong to one form outside its cached fragment (the form holds
    # the CSRF token) and send "<organization slug> <period id>" as their value.
    both = request.POST.get("start", "")
    if both:
        slug, _space, period_id = both.rpartition(" ")
    if not isinstance(slug, str) or len(slug) > 150 or "\x00" in slug:
        raise Http404
    organization = get_object_for_user(
        request.user, Organization.objects.all(), write=True, slug=slug
    )
    if not is_reporting_editor(request.user, organization):
        raise PermissionDenied
    period = None
    if period_id.isdigit() and int(period_id) <= MAX_PK:
        period = Period.objects.filter(pk=int(period_id)).first()
    if period is None:
        messages.error(request, _("This period does not exist. Choose a period from the list."))
        return redirect("monitoring:index")
    if not period.is_open:
        messages.error(request, _("The period %(period)s is closed.") % {"period": period})
        return redirect("monitoring:index")
    fmt = formats_by_kind([organization.region_id]).get((organization.region_id, organization.kind))
    if fmt is None or fmt.period_type != period.type:
        messages.error(request, _("There is no monitoring format for this period."))
        return redirect("monitoring:index")
    with transaction.atomic():
        report = Report.objects.filter(organization=organization, period=period).first()
        if report is None:
            report, _created = Report.objects.get_or_create(
                organization=organization, period=period, format=fmt
            )
    return redirect(report)


class ReportForm:
    """The report's cells as a form: raw input in, rows for the template out."""

    def __init__(self, report, structure, rules, stored, previous):
        self.report = report
        self.structure = structure
        self.rules = rules
        self.stored = stored
        self.previous = previous
        self.raw = services.raw_from_values(structure, stored)
        self.comments = {
            key[0]: value.comment for key, value in stored.items() if key[1] == "" and value
        }
        self.result = validate(structure, rules, self.raw, submitting=False, previous=previous)
        self.result.errors = {}  # stored values are shown, not judged, on GET
        self.comment_errors = {}
        self.editable = False
        self.words = {}

    def bind(self, data, *, submitting):
        self.raw = {}
        for key, _indicator, _item in cells_of(self.structure):
            value = data.get(field_name(key), "")
            self.raw[key] = value if isinstance(value, str) else ""
        self.comments = {}
        for _section, indicators in self.structure:
            for indicator in indicators:
                text = data.get(comment_name(indicator), "")
                self.comments[indicator.code] = text if isinstance(text, str) else ""
                if len(self.comments[indicator.code]) > MAX_COMMENT or has_control_characters(
                    text, multi_line=True
                ):
                    self.comment_errors[indicator.code] = _(
                        "A comment has at most %(max)s characters and no control characters."
                    ) % {"max": MAX_COMMENT}
        return self.judge(submitting=submitting)

    def judge(self, *, submitting):
        """Check the values the form holds (stored or typed) as a draft or a submission."""
        self.result = validate(
            self.structure, self.rules, self.raw, submitting=submitting, previous=self.previous
        )
        return self.result.is_valid and not self.comment_errors

    def labels(self):
        labels = {}
        for key, indicator, item in cells_of(self.structure):
            labels[key] = f"{indicator.label} – {item.label}" if item else indicator.label
        return labels

    def error_summary(self):
        labels = self.labels()
        summary = []
        for key, _indicator, _item in cells_of(self.structure):
            for message in self.result.errors.get(key, []):
                summary.append(
                    {"id": f"id_{field_name(key)}", "label": labels[key], "message": message}
                )
        for _section, indicators in self.structure:
            for indicator in indicators:
                if indicator.code in self.comment_errors:
                    summary.append(
                        {
                            "id": f"id_{comment_name(indicator)}",
                            "label": indicator.label,
                            "message": self.comment_errors[indicator.code],
                        }
                    )
        return summary

    def warning_count(self):
        return sum(len(messages) for messages in self.result.warnings.values())

    def cell(self, key, indicator, item):
        name = field_name(key)
        errors = self.result.errors.get(key, [])
        warnings = self.result.warnings.get(key, [])
        cell = {
            "name": name,
            "id": f"id_{name}",
            "value": self.raw.get(key, ""),
            "errors": errors,
            "warnings": warnings,
            "item": item,
            "describedby": " ".join(
                filter(
                    None,
                    [
                        f"help_{indicator.code}" if indicator.help_text else "",
                        f"err_{name}" if errors else "",
                        f"warn_{name}" if warnings else "",
                    ],
                )
            ),
        }
        cell["html"] = render_input(indicator, cell, self.editable, self.words)
        return cell

    def sections(self, editable):
        self.editable = editable
        self.words = {
            "empty": _("(not reported)"),
            "yes": _("yes"),
            "no": _("no"),
            "check": _("Check:"),
            "required": _("required"),
            "adds_up": _("Adds up to"),
            "differs": _("differs from the total"),
            "number": _("Number"),
            "total": _("Total"),
            "comment": _("Comment"),
        }
        for section, indicators in self.structure:
            rows = []
            for indicator in indicators:
                total = self.cell((indicator.code, ""), indicator, None)
                items = []
                if indicator.dimension_id:
                    items = [
                        self.cell((indicator.code, item.code), indicator, item)
                        for item in indicator.dimension.items.all()
                    ]
                rows.append(
                    {
                        "indicator": indicator,
                        "total": total,
                        "items": items,
                        "comment": self.comments.get(indicator.code, ""),
                        "comment_name": comment_name(indicator),
                        "comment_error": self.comment_errors.get(indicator.code, ""),
                        "choices": indicator.choice_list,
                        "max_text": MAX_TEXT,
                    }
                )
                rows[-1]["html"] = render_row(rows[-1], editable, self.words)
            yield {"section": section, "rows": rows}


def esc(value):
    return escape(str(value), quote=True)


def render_input(indicator, cell, editable, words):
    """One cell's input, its errors and warnings.

    Rendered here with plain (escaped) strings rather than in the template or with
    format_html: a form has dozens of cells and this is the page's main cost.
    """
    T = Indicator.ValueType
    described = f' aria-describedby="{esc(cell["describedby"])}"' if cell["describedby"] else ""
    attrs = f'name="{esc(cell["name"])}" id="{esc(cell["id"])}"{described}'
    if cell["errors"]:
        attrs += ' aria-invalid="true"'
    if not editable:
        attrs += " disabled"
    invalid = " is-invalid" if cell["errors"] else ""
    value = cell["value"]
    if indicator.value_type in (T.YES_NO, T.CHOICE):
        if indicator.value_type == T.YES_NO:
            options = [("yes", words["yes"]), ("no", words["no"])]
        else:
            options = [(choice, choice) for choice in indicator.choice_list]
        selected = "" if value else " selected"
        rendered = [f'<option value=""{selected}>{esc(words["empty"])}</option>']
        for option, label in options:
            selected = " selected" if value == option else ""
            rendered.append(f'<option value="{esc(option)}"{selected}>{esc(label)}</option>')
        html = f'<select class="form-select{invalid}" {attrs}>{"".join(rendered)}</select>'
    elif indicator.value_type == T.TEXT:
        html = (
            f'<textarea class="form-control{invalid}" {attrs} rows="3" '
            f'maxlength="{MAX_TEXT}">{esc(value)}</textarea>'
        )
    else:
        unit = (
            f'<span class="input-group-text">{esc(indicator.unit)}</span>' if indicator.unit else ""
        )
        cell_class = " monitoring-cell" if cell["item"] else ""
        html = (
            '<div class="input-group monitoring-number"><input type="text" inputmode="decimal" '
            f'autocomplete="off" class="form-control{invalid}{cell_class}" {attrs} '
            f'value="{esc(value)}">{unit}</div>'
        )
    if cell["errors"]:
        errors = " ".join(esc(error) for error in cell["errors"])
        html += f'<div class="invalid-feedback d-block" id="err_{esc(cell["name"])}">{errors}</div>'
    if cell["warnings"]:
        warnings = " ".join(esc(warning) for warning in cell["warnings"])
        html += (
            f'<div class="monitoring-warning" id="warn_{esc(cell["name"])}">'
            f"<strong>{esc(words['check'])}</strong> {warnings}</div>"
        )
    return mark_safe(html)  # every value above is escaped


def render_row(row, editable, words):
    """One indicator: its label, help, input or breakdown table, and the comment."""
    indicator, total = row["indicator"], row["total"]
    label = esc(indicator.label)
    required = (
        f' <span class="text-body-secondary fw-normal">({esc(words["required"])})</span>'
        if indicator.required
        else ""
    )
    help_text = (
        f'<p class="form-text mt-0" id="help_{esc(indicator.code)}">{esc(indicator.help_text)}</p>'
        if indicator.help_text
        else ""
    )
    if row["items"]:
        body = "".join(
            f'<tr><th scope="row" class="fw-normal"><label for="{esc(cell["id"])}">'
            f"{esc(cell['item'].label)}</label></th><td>{cell['html']}</td></tr>"
            for cell in row["items"]
        )
        dimension = esc(indicator.dimension.name)
        caption = esc(
            _("%(label)s by %(dimension)s")
            % {"label": indicator.label, "dimension": indicator.dimension.name}
        )
        field = (
            f'<fieldset><legend class="h6 mb-1">{label}{required}</legend>{help_text}'
            f'<table class="table table-sm monitoring-breakdown" '
            f'data-sum-label="{esc(words["adds_up"])}" '
            f'data-differs-label="{esc(words["differs"])}"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">{dimension}</th>'
            f'<th scope="col">{esc(words["number"])}</th></tr></thead>'
            f"<tbody>{body}</tbody>"
            f'<tfoot><tr><th scope="row"><label for="{esc(total["id"])}">'
            f"{esc(words['total'])}</label></th><td>{total['html']}"
            '<output class="monitoring-sum form-text d-block" aria-live="polite"></output>'
            "</td></tr></tfoot></table></fieldset>"
        )
    else:
        field = (
            f'<label class="form-label fw-semibold" for="{esc(total["id"])}">{label}{required}'
            f'</label>{help_text}<div class="monitoring-field">{total["html"]}</div>'
        )
    comment = ""
    if editable or row["comment"]:
        name = esc(row["comment_name"])
        is_open = " open" if row["comment"] or row["comment_error"] or total["warnings"] else ""
        invalid, invalid_attrs, error = "", "", ""
        if row["comment_error"]:
            invalid = " is-invalid"
            invalid_attrs = f' aria-invalid="true" aria-describedby="err_{name}"'
            error = (
                f'<div class="invalid-feedback d-block" id="err_{name}">'
                f"{esc(row['comment_error'])}</div>"
            )
        disabled = "" if editable else " disabled"
        comment_label = esc(_("Comment on “%(label)s”") % {"label": indicator.label})
        comment = (
            f'<details class="monitoring-comment"{is_open}><summary>{esc(words["comment"])}'
            f'<span class="visually-hidden"> – {label}</span></summary>'
            f'<label class="form-label" for="id_{name}">{comment_label}</label>'
            f'<textarea class="form-control{invalid}" name="{name}" id="id_{name}" rows="2"'
            f"{invalid_attrs}{disabled}>{esc(row['comment'])}</textarea>{error}</details>"
        )
    return mark_safe(f'<div class="monitoring-indicator mb-4">{field}{comment}</div>')


def read_only_reason(user, report, may_fill):
    if not report.period.is_open:
        return _(
            "The period %(period)s is closed for entry, so this report can no longer change."
        ) % {"period": report.period}
    if report.status == Report.Status.SUBMITTED:
        return _(
            "Submitted on %(date)s by %(name)s. It awaits approval by the region's coordinator "
            "and can no longer be changed."
        ) % {
            "date": show_date(report.submitted_at, "?"),
            "name": person(report.submitted_by),
        }
    if report.status == Report.Status.APPROVED:
        return _("Approved. Only a coordinator of the region can reopen it.")
    if not may_fill:
        if is_region_coordinator(user, report):
            return _(
                "You coordinate this region: you approve or return reports; "
                "the editors of %(organization)s fill them in."
            ) % {"organization": report.organization}
        return _("You can read this report; only the editors of %(organization)s change it.") % {
            "organization": report.organization
        }
    return ""


def history_of(report, labels):
    events = AuditEvent.objects.filter(
        object_type__app_label="monitoring", object_type__model="report", object_id=str(report.pk)
    ).select_related("user")[:30]
    words = action_words()
    rows = []
    for event in events:
        changes = []
        for change in (event.data or {}).get("changes", [])[:100]:
            if not isinstance(change, dict):
                continue
            key = (change.get("field", ""), change.get("item", ""))
            changes.append(
                {
                    "label": labels.get(key, "/".join(filter(None, key))),
                    "old": change.get("old") or _("(empty)"),
                    "new": change.get("new") or _("(empty)"),
                }
            )
        rows.append(
            {
                "event": event,
                "what": words.get(event.action, event.action),
                "who": person(event.user),
                "changes": changes,
                "comment": (event.data or {}).get("comment", ""),
            }
        )
    return rows


def action_words():
    return {
        "monitoring.report.saved": _("saved"),
        "monitoring.report.submitted": _("submitted"),
        "monitoring.report.approved": _("approved"),
        "monitoring.report.returned": _("returned"),
        "monitoring.report.reopened": _("reopened"),
        "monitoring.report.uploaded": _("uploaded a spreadsheet"),
    }


def shown_form(form, editable):
    """What the page shows of the form and the report's history: plain, picklable data."""
    return {
        "sections": [
            {
                "pk": block["section"].pk,
                "title": block["section"].title,
                "description": block["section"].description,
                "html": mark_safe("".join(row["html"] for row in block["rows"])),  # escaped
            }
            for block in form.sections(editable)
        ],
        "errors": form.error_summary(),
        "warning_count": form.warning_count(),
        "history": history_of(form.report, form.labels()),
    }


def shown_stored_form(report, editable, versions):
    """The unbound form (the stored values) and the history, from the cache when the
    data has not changed since (toolbox_site/freshness.py): building the form and its
    warnings is the page's main cost. The form tag and its CSRF token are never cached."""
    key = ":".join(
        [
            "monitoring-report",
            str(report.pk),
            str(report.version),
            versions,
            translation.get_language() or "",
            "editable" if editable else "read-only",
            timezone.localdate().isoformat(),
        ]
    )
    return freshness.cached(key, lambda: shown_form(build_form(report), editable))


def render_report(
    request, report, form, *, may_fill, status=200, conflict=None, version=None, shown=None
):
    user = request.user
    editable = may_fill and report.is_editable_state and report.period.is_open
    may_review = is_region_coordinator(user, report)
    if shown is None:
        shown = shown_form(form, editable)
    context = {
        "report": report,
        **shown,
        "editable": editable,
        "may_fill": may_fill,
        "may_approve": may_review and report.status == Report.Status.SUBMITTED,
        "may_reopen": may_review and report.status == Report.Status.APPROVED,
        "reason": "" if editable else read_only_reason(user, report, may_fill),
        "deadline": report.period.deadline_words(),
        "conflict": conflict,
        "version": version if version is not None else report.version,
        "breadcrumbs": [
            (_("Monitoring"), reverse("monitoring:index")),
            (f"{report.organization} – {report.period}", None),
        ],
    }
    return render(request, "monitoring/report.html", context, status=status)


def build_form(report):
    structure, rules, keys = services.report_structure(report)
    stored, previous = services.stored_and_previous(report, keys)
    return ReportForm(report, structure, rules, stored, previous)


def posted_version(request):
    value = request.POST.get("version", "")
    if not value.isdigit() or len(value) > 9:
        return None
    return int(value)


@login_required
def report_detail(request, pk):
    if request.method == "POST":
        return report_save(request, pk)
    versions = freshness.versions("monitoring", "toolbox_site")
    report = report_or_404(request.user, pk)
    may_fill = is_reporting_editor(request.user, report)
    editable = may_fill and report.is_editable_state and report.period.is_open
    if editable and request.GET.get(CHECK_PARAMETER) == "submit":
        # After a submission that was refused: the stored values, judged as a
        # submission, so the problems stand next to their fields.
        form = build_form(report)
        form.judge(submitting=True)
        return render_report(request, report, form, may_fill=may_fill)
    return render_report(
        request,
        report,
        None,
        may_fill=may_fill,
        shown=shown_stored_form(report, editable, versions),
    )


def report_save(request, pk):
    user = request.user
    report = report_or_404(user, pk, write=True)
    if not is_reporting_editor(user, report):
        raise PermissionDenied
    posted_report = request.POST.get("report")
    if posted_report is not None and posted_report != str(report.pk):
        return HttpResponseBadRequest(
            _("This form belongs to another report. Open the report again and retry.")
        )
    version = posted_version(request)
    if version is None:
        return HttpResponseBadRequest(_("The form is incomplete. Open the report again."))
    submitting = request.POST.get("action") == "submit"
    form = build_form(report)
    if not (report.is_editable_state and report.period.is_open):
        messages.error(request, read_only_reason(user, report, True))
        return redirect(report)
    complete = form.bind(request.POST, submitting=submitting)
    draft = form
    if not complete and submitting:
        # Not ready to submit: keep what was typed as a draft if it is a valid
        # draft, then show the submission's problems on the stored values.
        draft = build_form(report)
        if not draft.bind(request.POST, submitting=False):
            draft = None
    elif not complete:
        draft = None
    if draft is None:
        if submitting:
            messages.error(request, NOT_SUBMITTED)
        return render_report(request, report, form, may_fill=True, version=version)
    try:
        with transaction.atomic():
            saved, changed = services.save_values(
                report,
                draft.result.values,
                draft.comments,
                user,
                expected_version=version,
            )
            if submitting and complete:
                services.submit(saved, user)
    except services.ConflictError as conflict:
        current = report_or_404(user, pk)
        return render_report(
            request,
            current,
            form,
            may_fill=True,
            status=409,
            conflict=conflict_context(conflict),
            version=current.version,
        )
    except services.TransitionError as error:
        messages.error(request, error.message)
        return render_report(request, report, form, may_fill=True, version=version)
    if submitting and not complete:
        if changed:
            messages.error(
                request,
                _(
                    "Your values have been saved as a draft, but the report has not been "
                    "submitted: correct the problems below first."
                ),
            )
        else:
            messages.error(request, NOT_SUBMITTED)
        return redirect(f"{report.get_absolute_url()}?{CHECK_PARAMETER}=submit")
    if submitting:
        messages.success(request, _("The report has been submitted for approval."))
    elif changed:
        messages.success(request, _("The draft has been saved."))
    else:
        messages.info(request, _("Nothing had changed."))
    return redirect(report)


def conflict_context(conflict):
    return [
        {
            "who": who,
            "when": show_datetime(when),
            "what": what,
        }
        for who, when, what in conflict.changes
    ]


def review_report(request, pk):
    report = report_or_404(request.user, pk, write=True)
    if not is_region_coordinator(request.user, report):
        raise PermissionDenied
    return report


def run_transition(request, report, function, done, *args):
    # The version the reviewer saw is required, as when saving: without it a
    # transition could act on a report changed since the page was opened.
    version = posted_version(request)
    if version is None:
        messages.error(request, _("The form is incomplete. Open the report again."))
        return redirect(report)
    try:
        function(report, request.user, *args, expected_version=version)
    except services.ConflictError:
        messages.error(
            request,
            _("Someone else changed this report in the meantime. Look at it again first."),
        )
    except services.TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(report)


@login_required
@require_POST
def approve(request, pk):
    report = review_report(request, pk)
    return run_transition(request, report, services.approve, _("The report has been approved."))


@login_required
@require_POST
def return_report(request, pk):
    report = review_report(request, pk)
    comment = request.POST.get("comment", "")
    if len(comment) > MAX_COMMENT or has_control_characters(comment, multi_line=True):
        messages.error(
            request,
            _("A comment has at most %(max)s characters and no control characters.")
            % {"max": MAX_COMMENT},
        )
        return redirect(report)
    return run_transition(
        request,
        report,
        services.return_report,
        _("The report has been returned with your comment."),
        comment,
    )


@login_required
@require_POST
def reopen(request, pk):
    report = review_report(request, pk)
    return run_transition(
        request, report, services.reopen, _("The report has been reopened as a draft.")
    )


@login_required
def download(request, pk):
    report = report_or_404(request.user, pk)
    content = spreadsheet.write_report(report)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"rapportage-{report.organization.slug}-{report.period.start:%Y-%m}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def upload(request, pk):
    user = request.user
    report = report_or_404(user, pk, write=True)
    may_fill = is_reporting_editor(user, report)
    if not may_fill:
        raise PermissionDenied  # the upload page is for the organization's editors
    editable = may_fill and report.is_editable_state and report.period.is_open
    form = UploadForm(request.POST or None, request.FILES or None)
    problems, conflict, status = [], None, 200
    if request.method == "POST" and form.is_valid():
        if not editable:
            messages.error(request, read_only_reason(user, report, may_fill))
            return redirect(report)
        outcome = spreadsheet.read_report(report, form.cleaned_data["file"])
        problems = outcome.problems
        if not problems:
            try:
                with transaction.atomic():
                    _report, changed = services.save_values(
                        report,
                        outcome.values,
                        outcome.comments,
                        user,
                        expected_version=outcome.version,
                        action="monitoring.report.uploaded",
                    )
            except services.ConflictError as error:
                # The file predates a colleague's save: the form's refusal, not an overwrite.
                conflict, status = conflict_context(error), 409
            except services.TransitionError as error:
                messages.error(request, error.message)
                return redirect(report)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The spreadsheet has been read: %(count)s value changed.",
                        "The spreadsheet has been read: %(count)s values changed.",
                        len(changed),
                    )
                    % {"count": len(changed)},
                )
                return redirect(report)
    return render(
        request,
        "monitoring/upload.html",
        {
            "report": report,
            "form": form,
            "problems": problems,
            "conflict": conflict,
            "editable": editable,
            "reason": "" if editable else read_only_reason(user, report, may_fill),
            "breadcrumbs": [
                (_("Monitoring"), reverse("monitoring:index")),
                (f"{report.organization} – {report.period}", report.get_absolute_url()),
                (_("Upload a spreadsheet"), None),
            ],
        },
        status=status,
    )
