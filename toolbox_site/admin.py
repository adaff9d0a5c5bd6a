from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .audit import changes_of, log_action
from .models import AuditEvent, Membership, Organization, Region
from .permissions import is_region_coordinator, manages_all_regions
from .related_admin import RelatedAsText
from .validators import ControlCharactersMixin


class ConstraintCheckingForm(ControlCharactersMixin, forms.ModelForm):
    """A ModelForm that checks every model constraint, also on fields it does not show.

    Django skips a constraint when one of its fields is not in the form (for
    example read-only for coordinators); the database then refuses the save
    with an IntegrityError, a 500. Here such a constraint is checked against the
    instance as it would be saved and reported as a form error.
    """

    def _post_clean(self):
        super()._post_clean()
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            errors = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
            for field, field_errors in errors.items():
                target = field if field in self.fields else None
                shown = self.errors.get(target or NON_FIELD_ERRORS, [])
                for field_error in field_errors:
                    if not any(message in shown for message in field_error.messages):
                        self.add_error(target, field_error)


class ConstraintCheckingFormSet(forms.BaseInlineFormSet):
    """An inline formset that also checks unique constraints among its own rows.

    Django compares the rows of one submission only on fields the rows show. A
    constraint over a field they do not show (an indicator's code is unique per
    format, and the section's rows do not show the format) let two new rows with
    the same code through to the database: a 500. Here the second row gets the
    constraint's message.
    """

    def validate_unique(self):
        super().validate_unique()
        seen = set()
        for form in self.forms:
            if not form.is_valid() or (self.can_delete and self._should_delete_form(form)):
                continue
            instance = form.instance
            for constraint in instance._meta.constraints:
                if not isinstance(constraint, models.UniqueConstraint) or (
                    not constraint.fields or constraint.condition is not None
                ):
                    continue
                fields = [instance._meta.get_field(name) for name in constraint.fields]
                key = (constraint.name, *(getattr(instance, f.attname) for f in fields))
                if None in key:
                    continue  # empty is never a duplicate
                if key in seen:
                    form.add_error(None, constraint.get_violation_error_message())
                seen.add(key)


class ConstraintChecking:
    """For every admin and inline of the project: model constraints are form errors."""

    form = ConstraintCheckingForm
    formset = ConstraintCheckingFormSet  # read by inlines only


class LabelledRowsFormSet(ConstraintCheckingFormSet):
    """The rows of a tabular inline show their fields under the columns' headings, with no
    label of their own, so a screen reader announced an unnamed field (axe-core: label,
    select-name). Each field is named as its column is."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label or name))


class TabularInline(ConstraintChecking, admin.TabularInline):
    """The project's tabular inline: constraints checked, every field named."""

    formset = LabelledRowsFormSet


class OwnRegionsFilter(admin.RelatedFieldListFilter):
    """A region filter that offers a coordinator their own regions only: the list shows
    no other region's objects, so every other choice would be an empty page (and the
    filter's query and links would list every region of the country)."""

    def field_choices(self, field, request, model_admin):
        return field.get_choices(
            include_blank=False,
            ordering=self.field_admin_ordering(field, request, model_admin),
            limit_choices_to={"pk__in": Region.objects.coordinated_by(request.user)},
        )


def region_filter(path):
    """``list_filter`` entry: the regions along ``path``, the user's own only."""
    return (path, OwnRegionsFilter)


class RegionScopedAdmin(RelatedAsText, ConstraintChecking, admin.ModelAdmin):
    """Admin for data owned by organizations: coordinators see their own region only.

    Rights come from the permission module (``toolbox_site.permissions``)
    through ``user.has_perm``; this class only narrows lists and choices.
    """

    region_path = "region"
    # The admin serves a few coordinators: no count of every row on each page, and
    # pages of 25 rows (Django renders each row field by field; search and the filters
    # find the rest).
    show_full_result_count = False
    list_per_page = 25

    def action_checkbox(self, obj):
        # Django's own, the same HTML without rendering a widget template per row.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    def has_module_permission(self, request):
        return is_region_coordinator(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if manages_all_regions(request.user):
            return queryset  # no subquery over every region
        regions = Region.objects.coordinated_by(request.user)
        return queryset.filter(**{f"{self.region_path}__in": regions})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization":
            kwargs["queryset"] = Organization.objects.coordinated_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Region)
class RegionAdmin(ConstraintChecking, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# --- Picking an account for a membership ------------------------------------------
# Coordinators do not see the user list (it holds every region's accounts, with
# e-mail addresses and flags); the membership form has a picker of its own.


class AccountPicker(AutocompleteSelect):
    """The admin's autocomplete widget, asking the membership admin's account search."""

    def get_url(self):
        return reverse("admin:toolbox_site_membership_accounts")


def account_label(user):
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


def account_choices():
    return get_user_model().objects.filter(is_active=True).order_by("username")


class AccountFieldMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = account_choices()
            kwargs["widget"] = AccountPicker(db_field, self.admin_site)
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = account_label
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def membership_data(membership):
    return {
        "user": membership.user_id,
        "username": membership.user.get_username(),
        "role": membership.role,
    }


class MembershipInline(AccountFieldMixin, TabularInline):
    model = Membership
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(RegionScopedAdmin):
    list_display = [
        "name",
        "kind",
        "region",
        "cbs_code",
        "inhabitants",
        "participates",
        "invite_link",
    ]
    list_filter = ["kind", "participates", region_filter("region")]
    search_fields = ["name", "cbs_code", "email"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["region"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "region"]}),
        (_("Municipality"), {"fields": ["cbs_code", "inhabitants", "participates"]}),
        (_("Contact"), {"fields": ["email", "phone", "website"]}),
    ]

    # Coordinators keep their organizations up to date, but do not move them to
    # another region or change what kind they are.
    readonly_fields = ["kind", "region", "slug"]

    def get_readonly_fields(self, request, obj=None):
        if manages_all_regions(request.user):
            return []
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if manages_all_regions(request.user):
            return self.prepopulated_fields
        return {}

    @admin.display(description=_("New colleague"))
    def invite_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("organization_invite", kwargs={"slug": obj.slug}),
            _("Invite"),
        )

    # Everything that changes who may do what is in the audit log.

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            log_action(request.user, obj, "toolbox_site.organization.created")
        elif form.has_changed():
            log_action(
                request.user,
                obj,
                "toolbox_site.organization.changed",
                {"changes": changes_of(form)},
            )

    def delete_model(self, request, obj):
        log_action(request.user, obj, "toolbox_site.organization.deleted", {"name": obj.name})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_action(request.user, obj, "toolbox_site.organization.deleted", {"name": obj.name})
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        changed_forms = {f.instance.pk: f for f in formset.initial_forms if f.has_changed()}
        super().save_formset(request, form, formset, change)
        for membership in formset.new_objects:
            log_action(
                request.user,
                membership,
                "toolbox_site.membership.granted",
                membership_data(membership),
            )
        for membership, _fields in formset.changed_objects:
            log_action(
                request.user,
                membership,
                "toolbox_site.membership.changed",
                {
                    **membership_data(membership),
                    "changes": changes_of(changed_forms[membership.pk]),
                },
            )
        for membership in formset.deleted_objects:
            log_action(
                request.user,
                membership,
                "toolbox_site.membership.removed",
                membership_data(membership),
            )


@admin.register(Membership)
class MembershipAdmin(AccountFieldMixin, RegionScopedAdmin):
    region_path = "organization__region"
    list_display = ["user", "organization", "role"]
    list_filter = ["role", "organization__kind", region_filter("organization__region")]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organization__name"]
    list_select_related = ["user", "organization"]

    def get_urls(self):
        return [
            path(
                "accounts/",
                self.admin_site.admin_view(self.accounts_view),
                name="toolbox_site_membership_accounts",
            ),
            *super().get_urls(),
        ]

    def accounts_view(self, request):
        """The account picker: existing accounts by name, user name or exact e-mail address.

        Answers in the admin autocomplete's format and shows only the name and
        the user name; an e-mail address finds an account only when it is
        typed in full, so the picker reveals no addresses.
        """
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"error": "method"}, status=405)
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()[:150]
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        size = 20
        users = account_choices()
        if len(term) < 2:
            users = users.none()
        else:
            for word in term.split()[:5]:
                users = users.filter(
                    Q(username__icontains=word)
                    | Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(email__iexact=word)
                )
        rows = list(
            users.only("pk", "username", "first_name", "last_name")[
                (page - 1) * size : page * size + 1
            ]
        )
        return JsonResponse(
            {
                "results": [
                    {"id": str(user.pk), "text": account_label(user)} for user in rows[:size]
                ],
                "pagination": {"more": len(rows) > size},
            }
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            log_action(request.user, obj, "toolbox_site.membership.granted", membership_data(obj))
        elif form.has_changed():
            log_action(
                request.user,
                obj,
                "toolbox_site.membership.changed",
                {**membership_data(obj), "changes": changes_of(form)},
            )

    def delete_model(self, request, obj):
        log_action(request.user, obj, "toolbox_site.membership.removed", membership_data(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset.select_related("user", "organization"):
            log_action(request.user, obj, "toolbox_site.membership.removed", membership_data(obj))
        super().delete_queryset(request, queryset)


# --- Accounts (superusers only) ---------------------------------------------------
# Flags, groups and permissions decide who may do what: their changes are logged.

ACCOUNT_RIGHTS = ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]

User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            log_action(request.user, obj, "toolbox_site.account.created")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        rights = [name for name in form.changed_data if name in ACCOUNT_RIGHTS]
        if change and rights:
            changes = {name: changes_of(form)[name] for name in rights}
            log_action(request.user, form.instance, "toolbox_site.account.rights_changed", changes)

    def delete_model(self, request, obj):
        log_action(request.user, obj, "toolbox_site.account.deleted", {"username": obj.username})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_action(
                request.user, obj, "toolbox_site.account.deleted", {"username": obj.username}
            )
        super().delete_queryset(request, queryset)


@admin.register(AuditEvent)
class AuditEventAdmin(RegionScopedAdmin):
    """The audit log, read-only for everyone: entries are never changed or deleted."""

    region_path = "organization__region"
    list_display = ["created_at", "action", "object_repr", "organization", "user"]
    list_filter = ["action", "organization__kind", region_filter("organization__region")]
    search_fields = ["action", "object_repr", "user__username", "organization__name"]
    list_select_related = ["organization", "user"]
    # The log only grows: no second count of all its entries on every page (a filtered
    # list offers "show all" instead of the total).
    show_full_result_count = False
    date_hierarchy = "created_at"
    readonly_fields = [
        "created_at",
        "user",
        "organization",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "data",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
