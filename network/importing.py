"""Export and import of an organization's services (CSV and XLSX).

Files are written by ``toolbox_site.exports`` and read by ``toolbox_site.uploads``
(limits against oversized files, no formulas out).

The import is checked as a whole before anything is written: every bad row is
reported with its row number, column and reason. A valid file becomes a
``ServiceImport`` waiting for the user to confirm the preview; confirming
applies it in one transaction. Re-importing an unchanged export changes nothing:
rows are compared with the services in the same normalized form the export uses.

Rows with an ``id`` change that service; rows without one create a service;
``gearchiveerd = ja`` archives it. Services missing from the file stay as they are.
"""

import datetime
import uuid as uuid_module

from django import forms
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toolbox_site import exports
from toolbox_site.audit import log_action
from toolbox_site.models import Organization
from toolbox_site.unions import tagged_rows
from toolbox_site.uploads import UploadRefused, csv_rows, xlsx_rows
from toolbox_site.validators import CONTROL_CHARACTERS, ControlCharactersMixin

from .capacity import AcceptsNewClients
from .forms import MAX_TEXT
from .models import (
    Formality,
    Law,
    LifeDomain,
    Provider,
    Role,
    Service,
    ServiceImport,
    TargetGroup,
)

FORMATS = {"csv": exports.CSV_TYPE, "xlsx": exports.XLSX_TYPE}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 100
MAX_ERRORS_SHOWN = 50

#: Columns a file may leave out (exports made before they existed): a service keeps
#: its value, a new one has none. Room for new clients: network/capacity.py; the ages
#: a service is for (empty: no limit).
OPTIONAL_COLUMNS = ("plek", "wachttijd_weken", "leeftijd_vanaf", "leeftijd_tot")
#: Whole numbers or empty: column -> service field.
NUMBERS = {
    "wachttijd_weken": "waiting_weeks",
    "leeftijd_vanaf": "minimum_age",
    "leeftijd_tot": "maximum_age",
}
COLUMNS = [
    "id",
    "naam",
    "rol",
    "aanbieder",
    "beschrijving",
    "gemeenten",
    "levensgebieden",
    "doelgroepen",
    "wetten",
    "soort",
    "onafhankelijk",
    "gratis",
    "talen",
    "telefoon",
    "email",
    "website",
    "bezoekadres",
    "postcode",
    "plaats",
    "openingstijden",
    "laatst_gecontroleerd",
    "gearchiveerd",
    *OPTIONAL_COLUMNS,
]
LIST_COLUMNS = ("gemeenten", "levensgebieden", "doelgroepen", "wetten")
YES, NO = "ja", "nee"
SOORT = {Formality.FORMAL: "formeel", Formality.INFORMAL: "informeel"}
SOORT_BACK = {
    "formeel": Formality.FORMAL,
    "informeel": Formality.INFORMAL,
    "formal": Formality.FORMAL,
    "informal": Formality.INFORMAL,
}
#: Room for new clients (network/capacity.py); empty is unknown.
PLEK = {
    AcceptsNewClients.YES: "ja",
    AcceptsNewClients.WAITING_LIST: "wachtlijst",
    AcceptsNewClients.NOT_NOW: "nee",
}
PLEK_BACK = {
    "ja": AcceptsNewClients.YES,
    "wachtlijst": AcceptsNewClients.WAITING_LIST,
    "nee": AcceptsNewClients.NOT_NOW,
    "": "",
    **{choice.value: choice for choice in AcceptsNewClients},
}
BOOLEANS = {
    "ja": True,
    "nee": False,
    "yes": True,
    "no": False,
    "1": True,
    "0": False,
    "true": True,
    "false": False,
    "waar": True,
    "onwaar": False,
}

# column -> model field, for the fields that map one to one
SIMPLE = {
    "naam": "name",
    "beschrijving": "description",
    "talen": "languages",
    "telefoon": "phone",
    "email": "email",
    "website": "website",
    "bezoekadres": "visiting_address",
    "postcode": "postal_code",
    "plaats": "city",
    "openingstijden": "opening_hours",
}


class ImportConflict(Exception):
    pass


class ImportNotPending(Exception):
    """The import was applied or cancelled already (by another request, or a second
    click): nothing is done again."""


def _services(organization):
    return (
        Service.objects.filter(owning_organization=organization)
        .select_related("role", "provider")
        .prefetch_related(
            Prefetch("municipalities", queryset=Organization.objects.only("slug")),
            "life_domains",
            "target_groups",
            "laws",
        )
        .order_by("name", "pk")
    )


def values_of(service):
    """A service as one row of strings, exactly as the export writes it."""
    return {
        "id": str(service.uuid),
        "naam": service.name,
        "rol": service.role.slug,
        "aanbieder": service.provider.name,
        "beschrijving": service.description,
        "gemeenten": "; ".join(sorted(m.slug for m in service.municipalities.all())),
        "levensgebieden": "; ".join(sorted(d.slug for d in service.life_domains.all())),
        "doelgroepen": "; ".join(sorted(g.slug for g in service.target_groups.all())),
        "wetten": "; ".join(sorted(law.slug for law in service.laws.all())),
        "soort": SOORT.get(service.formality, service.formality),
        "onafhankelijk": YES if service.independent else NO,
        "gratis": YES if service.free else NO,
        "talen": service.languages,
        "telefoon": service.phone,
        "email": service.email,
        "website": service.website,
        "bezoekadres": service.visiting_address,
        "postcode": service.postal_code,
        "plaats": service.city,
        "openingstijden": service.opening_hours,
        "laatst_gecontroleerd": service.verified_on.isoformat() if service.verified_on else "",
        "gearchiveerd": YES if service.archived else NO,
        "plek": PLEK.get(service.accepts_new_clients, ""),
        **{
            column: "" if getattr(service, field) is None else str(getattr(service, field))
            for column, field in NUMBERS.items()
        },
    }


def export(organization, file_format):
    rows = [COLUMNS]
    for service in _services(organization):
        values = values_of(service)
        rows.append([values[column] for column in COLUMNS])
    if file_format == "csv":
        return exports.csv_bytes(rows), FORMATS["csv"]
    book = exports.workbook()
    exports.add_sheet(book, _("Services"), rows)
    return exports.xlsx_bytes(book), FORMATS["xlsx"]


# --- Reading and checking ------------------------------------------------------------


class Result:
    def __init__(self):
        self.errors = []
        self.rows = []
        self.summary = {"created": 0, "changed": 0, "archived": 0, "unchanged": 0}


def _read(upload):
    """The uploaded file's rows (the first is the header), or a Dutch reason why not."""
    if upload.size == 0:
        return None, _("The file is empty.")
    if upload.size > MAX_BYTES:
        return None, _("The file is too large (at most %(mb)d MB).") % {
            "mb": MAX_BYTES // (1024 * 1024)
        }
    content = upload.read(MAX_BYTES + 1)
    if not content.strip():
        return None, _("The file is empty.")
    name = (upload.name or "").lower()
    limits = {"max_rows": MAX_ROWS, "max_columns": MAX_COLUMNS}
    try:
        if content[:2] == b"PK" or name.endswith(".xlsx"):
            return xlsx_rows(content, **limits), None
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None, _(
                'The file is not in UTF-8. Save it as "CSV UTF-8" or as an Excel '
                "file (.xlsx) and try again."
            )
        if "\x00" in text:
            return None, _("The file contains characters that are not allowed.")
        return csv_rows(text, **limits), None
    except UploadRefused as refused:
        return None, refused.message


def _cell(value):
    value = exports.readable(value)  # our export's apostrophe before a formula sign
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _split(value):
    return sorted(
        {part.strip().lower() for part in value.replace(",", ";").split(";") if part.strip()}
    )


def _service_field(name, **kwargs):
    """The form field the service form (and the admin) uses for a model field, with
    the model field's own validators, so a row obeys exactly the same rules."""
    model_field = Service._meta.get_field(name)
    field = model_field.formfield(**kwargs)
    field.validators.extend(v for v in model_field.validators if v not in field.validators)
    return field


class RowForm(ControlCharactersMixin, forms.Form):
    """One row: the same fields and validators as the service form, column by column."""

    id = forms.UUIDField(required=False)
    naam = _service_field("name")
    aanbieder = forms.CharField(max_length=Provider._meta.get_field("name").max_length)
    beschrijving = _service_field("description", max_length=MAX_TEXT)
    talen = _service_field("languages")
    telefoon = _service_field("phone")
    email = _service_field("email")
    website = _service_field("website")
    bezoekadres = _service_field("visiting_address")
    postcode = _service_field("postal_code")
    plaats = _service_field("city")
    openingstijden = _service_field("opening_hours", max_length=MAX_TEXT)
    laatst_gecontroleerd = _service_field("verified_on", input_formats=["%Y-%m-%d", "%d-%m-%Y"])
    wachttijd_weken = _service_field("waiting_weeks")
    leeftijd_vanaf = _service_field("minimum_age")
    leeftijd_tot = _service_field("maximum_age")

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("leeftijd_vanaf"), cleaned.get("leeftijd_tot")
        if low is not None and high is not None and low > high:
            self.add_error(
                "leeftijd_tot", _("The maximum age cannot be lower than the minimum age.")
            )
        return cleaned


MAX_VALUE_SHOWN = 60


def _shown(value):
    """The value a row gave, short and with control characters made visible."""
    value = CONTROL_CHARACTERS.sub("\ufffd", value)
    if len(value) > MAX_VALUE_SHOWN:
        value = value[: MAX_VALUE_SHOWN - 1] + "…"
    return value


def _row_errors(number, row, form_errors):
    for column, errors in form_errors.items():
        for error in errors:
            if row.get(column):
                yield _("Row %(row)d, column %(column)s, value “%(value)s”: %(reason)s") % {
                    "row": number,
                    "column": column,
                    "value": _shown(row[column]),
                    "reason": error,
                }
            else:
                yield _("Row %(row)d, column %(column)s (empty): %(reason)s") % {
                    "row": number,
                    "column": column,
                    "reason": error,
                }


CODE_COLUMNS = ("rol", "gemeenten", "levensgebieden", "doelgroepen", "wetten")


def codes(organization):
    """The values the columns with codes accept, for the import page's table: column ->
    (code, name) pairs. One query (toolbox_site/unions.py)."""
    columns = {"import_code": F("slug"), "import_name": F("name")}
    municipalities = Organization.objects.municipalities().filter(region_id=organization.region_id)
    found = tagged_rows(
        {
            "rol": (Role.objects.all(), columns),
            "gemeenten": (municipalities, columns),
            "levensgebieden": (LifeDomain.objects.all(), columns),
            "doelgroepen": (TargetGroup.objects.all(), columns),
            "wetten": (Law.objects.all(), columns),
        }
    )
    return {column: sorted(found[column]) for column in CODE_COLUMNS}


def validate(upload, organization):
    result = Result()
    rows, problem = _read(upload)
    if problem:
        result.errors.append(problem)
        return result
    if not rows:
        result.errors.append(_("The file is empty."))
        return result
    headers = [_cell(header).lower() for header in rows[0]]
    while headers and headers[-1] == "":
        headers.pop()
    missing = [
        column for column in COLUMNS if column not in headers and column not in OPTIONAL_COLUMNS
    ]
    absent = [column for column in OPTIONAL_COLUMNS if column not in headers]
    unknown = [header for header in headers if header not in COLUMNS]
    if missing or unknown or len(set(headers)) != len(headers):
        if missing:
            result.errors.append(
                _("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        if unknown:
            result.errors.append(
                _("These columns are unknown: %(columns)s.")
                % {"columns": ", ".join(header or "(leeg)" for header in unknown)}
            )
        if len(set(headers)) != len(headers):
            result.errors.append(_("A column appears more than once."))
        return result
    if len(rows) == 1:
        result.errors.append(_("The file has no rows below the column names."))
        return result

    roles = {role.slug: role for role in Role.objects.all()}
    municipalities = set(
        Organization.objects.municipalities()
        .filter(region_id=organization.region_id)
        .values_list("slug", flat=True)
    )
    choices = {
        "levensgebieden": set(LifeDomain.objects.values_list("slug", flat=True)),
        "doelgroepen": set(TargetGroup.objects.values_list("slug", flat=True)),
        "wetten": set(Law.objects.values_list("slug", flat=True)),
        "gemeenten": municipalities,
    }
    existing = {str(service.uuid): service for service in _services(organization)}
    seen = set()
    for index, values in enumerate(rows[1:], start=2):
        raw = dict(zip(headers, values, strict=False))
        row = {column: _cell(raw.get(column)) for column in COLUMNS}
        if all(value == "" for value in row.values()):
            continue
        if absent:
            _keep_absent(row, absent, existing)
        errors = {}
        form = RowForm(row)
        if not form.is_valid():
            errors.update({key: list(value) for key, value in form.errors.items()})
        values = dict(row)
        if row["id"] and "id" not in errors:
            values["id"] = str(uuid_module.UUID(row["id"]))
        if values["id"]:
            if values["id"] in seen:
                errors.setdefault("id", []).append(_("This id appears twice in the file."))
            elif "id" not in errors and values["id"] not in existing:
                errors.setdefault("id", []).append(
                    _("No service of %(name)s has this id. Leave it empty for a new service.")
                    % {"name": organization.name}
                )
            seen.add(values["id"])
        if row["rol"] not in roles:
            errors.setdefault("rol", []).append(
                _("Unknown role. Use one of the role codes listed on the import page.")
            )
        for column in LIST_COLUMNS:
            parts = _split(row[column])
            wrong = [part for part in parts if part not in choices[column]]
            if wrong:
                errors.setdefault(column, []).append(
                    _(
                        "Unknown code: %(values)s. Use the codes listed on the import page, "
                        "separated by semicolons."
                    )
                    % {"values": ", ".join(_shown(part) for part in wrong)}
                )
            values[column] = "; ".join(parts)
        if not values["gemeenten"] and "gemeenten" not in errors:
            errors.setdefault("gemeenten", []).append(_("Name at least one municipality."))
        soort = row["soort"].lower()
        if soort not in SOORT_BACK:
            errors.setdefault("soort", []).append(_("Use formeel or informeel."))
        else:
            values["soort"] = SOORT[SOORT_BACK[soort]]
        plek = row["plek"].lower()
        if plek not in PLEK_BACK:
            errors.setdefault("plek", []).append(_("Use ja, wachtlijst or nee, or leave it empty."))
        else:
            values["plek"] = PLEK.get(PLEK_BACK[plek], "")
        for column in ("onafhankelijk", "gratis", "gearchiveerd"):
            flag = row[column].lower()
            if flag not in BOOLEANS:
                errors.setdefault(column, []).append(_("Use ja or nee."))
            else:
                values[column] = YES if BOOLEANS[flag] else NO
        if errors:
            result.errors.extend(_row_errors(index, row, errors))
            continue
        cleaned = form.cleaned_data
        for column in ("telefoon", "email", "website"):
            values[column] = cleaned[column]
        date = cleaned["laatst_gecontroleerd"]
        values["laatst_gecontroleerd"] = date.isoformat() if date else ""
        for column in NUMBERS:
            number = cleaned[column]
            values[column] = "" if number is None else str(number)
        service = existing.get(values["id"]) if values["id"] else None
        if service is None:
            action, changes, version = "created", [], None
        else:
            current = values_of(service)
            changes = [column for column in COLUMNS if current[column] != values[column]]
            version = service.version
            if not changes:
                action = "unchanged"
            elif "gearchiveerd" in changes and values["gearchiveerd"] == YES:
                action = "archived"
            else:
                action = "changed"
        result.summary[action] += 1
        result.rows.append(
            {
                "row": index,
                "action": action,
                "changes": changes,
                "version": version,
                "values": values,
            }
        )
    return result


def _keep_absent(row, absent, existing):
    """A file without the optional columns keeps a service's values for them."""
    try:
        service = existing.get(str(uuid_module.UUID(row["id"]))) if row["id"] else None
    except ValueError:
        service = None
    if service is not None:
        current = values_of(service)
        for column in absent:
            row[column] = current[column]


# --- Preview and apply -----------------------------------------------------------------


def preview(pending):
    groups = {"created": [], "changed": [], "archived": [], "unchanged": []}
    for row in pending.rows:
        groups[row["action"]].append(row)
    return [
        (gettext_lazy("To be added"), groups["created"], "created"),
        (gettext_lazy("To be changed"), groups["changed"], "changed"),
        (gettext_lazy("To be archived"), groups["archived"], "archived"),
        (gettext_lazy("Unchanged"), groups["unchanged"], "unchanged"),
    ]


def apply(pending, user):
    organization = pending.organization
    roles = {role.slug: role for role in Role.objects.all()}
    lookups = {
        "gemeenten": {
            o.slug: o
            for o in Organization.objects.municipalities().filter(region_id=organization.region_id)
        },
        "levensgebieden": {d.slug: d for d in LifeDomain.objects.all()},
        "doelgroepen": {g.slug: g for g in TargetGroup.objects.all()},
        "wetten": {law.slug: law for law in Law.objects.all()},
    }
    m2m = {
        "gemeenten": "municipalities",
        "levensgebieden": "life_domains",
        "doelgroepen": "target_groups",
        "wetten": "laws",
    }
    counts = {"created": 0, "changed": 0, "archived": 0, "unchanged": 0}
    ids = [row["values"]["id"] for row in pending.rows if row["action"] in ("changed", "archived")]
    locked = {
        str(service.uuid): service
        for service in Service.objects.select_for_update().filter(
            owning_organization=organization, uuid__in=ids
        )
    }
    for row in pending.rows:
        action = row["action"]
        counts[action] += 1
        if action == "unchanged":
            continue
        values = row["values"]
        if action == "created":
            service = Service(owning_organization=organization)
        else:
            service = locked.get(values["id"])
            if service is None or service.version != row["version"]:
                raise ImportConflict(
                    _(
                        "%(name)s was changed or removed by someone else after you uploaded "
                        "the file. Nothing was imported. Export again and redo your changes."
                    )
                    % {"name": values["naam"]}
                )
            service.version += 1
        for column, field in SIMPLE.items():
            setattr(service, field, values[column])
        service.role = roles[values["rol"]]
        service.provider, _created = Provider.objects.get_or_create(
            maintained_by=organization, name=values["aanbieder"]
        )
        service.formality = SOORT_BACK[values["soort"]]
        service.independent = values["onafhankelijk"] == YES
        service.free = values["gratis"] == YES
        service.archived = values["gearchiveerd"] == YES
        date = values["laatst_gecontroleerd"]
        service.verified_on = datetime.date.fromisoformat(date) if date else None
        if action == "created" and service.verified_on is None:
            service.verified_on = datetime.date.today()
            service.verified_by = user
        _apply_capacity(service, values)
        if "leeftijd_vanaf" in values:  # not in an import checked before these columns
            service.minimum_age = _number(values["leeftijd_vanaf"])
            service.maximum_age = _number(values["leeftijd_tot"])
        service.save()
        for column, field in m2m.items():
            getattr(service, field).set([lookups[column][slug] for slug in _split(values[column])])
    return counts


def _number(value):
    return int(value) if value else None


def _apply_capacity(service, values):
    """Room for new clients from a row; a changed statement is dated today. (An import
    checked before these columns existed has no values for them: nothing changes.)"""
    if "plek" not in values:
        return
    accepts = PLEK_BACK[values["plek"]]
    weeks = _number(values.get("wachttijd_weken"))
    if (accepts, weeks) != (service.accepts_new_clients, service.waiting_weeks):
        service.accepts_new_clients = accepts
        service.waiting_weeks = weeks
        service.capacity_stated_on = timezone.localdate()


def _locked_pending(pending):
    """The pending import, locked for the rest of the transaction, so two confirmations
    at the same moment wait for each other; the second then finds it done."""
    locked = ServiceImport.objects.select_for_update().get(pk=pending.pk)
    if locked.status == ServiceImport.Status.APPLIED:
        raise ImportNotPending(
            _("This import has already been applied. Nothing was changed again.")
        )
    if locked.status != ServiceImport.Status.PENDING:
        raise ImportNotPending(_("This import was cancelled. Nothing was changed."))
    return locked


@transaction.atomic
def confirm(pending, user):
    """Apply a pending import once, in one transaction; the counts per action."""
    pending = _locked_pending(pending)
    counts = apply(pending, user)
    pending.status = ServiceImport.Status.APPLIED
    pending.save(update_fields=["status"])
    log_action(user, pending, "network.import.applied", {"file": pending.file_name, **counts})
    return counts


@transaction.atomic
def cancel(pending):
    pending = _locked_pending(pending)
    pending.status = ServiceImport.Status.CANCELLED
    pending.save(update_fields=["status"])
