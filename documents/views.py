"""The documents (``/documenten/``): the list with its filters, one document with its
history, the download of its file, and the coordinators' pages that write through
documents/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from toolbox_site import freshness
from toolbox_site.locking import Conflict, conflict_message, show_conflict
from toolbox_site.regions import region_for

from . import services
from .forms import DocumentFilter, DocumentForm, PublishForm, ReplaceFileForm
from .models import Document, DocumentFile
from .rules import keeps_documents

#: A cached part of a documents page (toolbox_site/freshness.py): the region's documents.
page_part = freshness.parts_for("documents")


def documents_crumb():
    return (_("Documents"), reverse("documents:index"))


def _versions():
    """A document's versions, newest (the current one) first, as ``versions``."""
    return Prefetch("files", queryset=DocumentFile.objects.order_by("-number"), to_attr="versions")


def index(request):
    choice = region_for(request)
    part = page_part("list", request, region=choice.region)
    # Built only when the cached part is missing.
    page = SimpleLazyObject(lambda: _list_data(request, choice))
    return render(
        request,
        "documents/index.html",
        {
            "region_choice": choice,
            "part": part,
            "page": page,
            "can_add": keeps_documents(request.user, None),
            "breadcrumbs": [(_("Documents"), None)],
        },
    )


def _list_data(request, choice):
    queryset = (
        Document.objects.for_user(request.user)
        .filter(region=choice.region)
        .prefetch_related("audiences", _versions())
        .order_by("title", "pk")
    )
    filters = DocumentFilter(request.GET or None, queryset=queryset)
    documents = list(filters.qs) if filters.is_valid() else list(queryset)
    # An unknown filter value is explained at its field; the list is then unfiltered.
    return {"documents": documents, "form": filters.form}


def _document_for(request, slug, audiences=True):
    """The document, if the user may read it; 404 otherwise (also for what exists but
    is not theirs to see)."""
    queryset = Document.objects.for_user(request.user).select_related("region")
    if audiences:
        queryset = queryset.prefetch_related("audiences")
    return get_object_or_404(queryset, slug=slug)


def detail(request, slug):
    document = _document_for(request, slug, audiences=False)
    keeps = keeps_documents(request.user, document)

    def build():
        versions = list(document.files.order_by("-number"))
        return {
            "audiences": document.audience_labels(),
            "versions": versions,
            "current": versions[0] if versions else None,
        }

    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            # Built only when a cached part is missing (toolbox_site/freshness.py).
            "page": SimpleLazyObject(build),
            "about_part": page_part(
                "detail-about", request, region=document.region_id, vary=(document.pk,)
            ),
            "history_part": page_part(
                "detail-history", request, region=document.region_id, vary=(document.pk,)
            ),
            "keeps": keeps,
            "breadcrumbs": [documents_crumb(), (document.title, None)],
        },
    )


def download(request, slug, number=None):
    """The document's file (the current one, or version ``number``), as an attachment.

    Only for who may read the document (unpublished ones: its coordinators); never
    through a URL of the storage itself."""
    document = _document_for(request, slug)
    versions = document.files.order_by("-number")
    version = versions.first() if number is None else versions.filter(number=number).first()
    if version is None:
        raise Http404
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    stem = slugify(version.original_name.rsplit(".", 1)[0])[:80] or document.slug
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{stem}.{version.extension}",
        content_type=version.content_type,
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def _kept_document(request, slug):
    """The document, for its coordinators: 404 for who may not read it, 403 for who
    reads but does not keep it."""
    document = _document_for(request, slug)
    if not keeps_documents(request.user, document):
        raise PermissionDenied
    return document


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not keeps_documents(request.user, None):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_document(form, request.user)
        except IntegrityError:  # another document took the same address at this moment
            form.add_error(
                None, _("Someone else saved a document at the same moment. Please try again.")
            )
        else:
            messages.success(
                request,
                _(
                    "The document has been saved. It is not published yet: check it, then "
                    "publish it."
                ),
            )
            return redirect(document)
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": _("New document"),
            "multipart": True,
            "breadcrumbs": [documents_crumb(), (_("New document"), None)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    document = _kept_document(request, slug)
    form = DocumentForm(request.POST or None, instance=document, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document(form, request.user)
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(request, _("The document has been saved."))
            return redirect("documents:detail", slug=document.slug)
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "document": document,
            "title": _("Change %(title)s") % {"title": document.title},
            "breadcrumbs": [
                documents_crumb(),
                (document.title, document.get_absolute_url()),
                (_("Change"), None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def replace(request, slug):
    document = _kept_document(request, slug)
    if document.is_link:
        raise Http404
    form = ReplaceFileForm(request.POST or None, request.FILES or None, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            services.replace_file(document, form, request.user)
        except Conflict as conflict:
            show_conflict(form, conflict.current)
        else:
            messages.success(
                request,
                _("The new file has been saved. The previous one stays in the history."),
            )
            return redirect("documents:detail", slug=document.slug)
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "document": document,
            "multipart": True,
            "submit_label": _("Upload the new file"),
            "title": _("Replace the file of %(title)s") % {"title": document.title},
            "breadcrumbs": [
                documents_crumb(),
                (document.title, document.get_absolute_url()),
                (_("Replace the file"), None),
            ],
        },
    )


def _publish(request, slug, published):
    document = _kept_document(request, slug)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date. Nothing was changed; try again."))
        return redirect(document)
    try:
        services.set_published(document, published, form.cleaned_data["version"], request.user)
    except Conflict as conflict:
        messages.error(request, conflict_message(conflict.current, None))
    else:
        messages.success(
            request,
            _("The document has been published.")
            if published
            else _("The document is no longer published."),
        )
    return redirect(document)


@login_required
@require_POST
def publish(request, slug):
    return _publish(request, slug, True)


@login_required
@require_POST
def unpublish(request, slug):
    return _publish(request, slug, False)
