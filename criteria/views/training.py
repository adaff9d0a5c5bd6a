"""Training: the calendar of sessions and one training."""

from django.contrib import messages
from django.db.models import F, Value
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toolbox_site.addresses import slug_prefix
from toolbox_site.dates import show_date
from toolbox_site.regions import region_for
from toolbox_site.unions import tagged_rows

from ..forms import (
    TrainingFilterForm,
)
from ..models import (
    Audience,
    Framework,
    Training,
    TrainingSession,
    TrainingTopic,
)
from .common import criterion_url, filters_valid, labels, page_part


def trainings(request):
    choice = region_for(request)
    # Built only when the cached part is missing (see toolbox_site/freshness.py).
    page = SimpleLazyObject(lambda: _trainings_data(request, choice))
    if request.GET.keys() - {"regio"} and not filters_valid(
        "trainings", request, page, choice.region
    ):
        messages.warning(request, _("A filter was not valid and has been ignored."))
    return render(
        request,
        "criteria/training_list.html",
        {
            "region_choice": choice,
            "part": page_part("trainings", request, choice.region),
            "page": page,
            "breadcrumbs": [(_("Training"), None)],
        },
    )


def _trainings_data(request, choice):
    topics = list(TrainingTopic.objects.all())
    form = TrainingFilterForm(request.GET or None, topics=topics)
    today = timezone.localdate()
    data = {"onderwerp": "", "voor": "", "vanaf": None, "voorbij": False}
    if form.is_valid():
        data = form.cleaned_data
    start = data["vanaf"] or (None if data["voorbij"] else today)
    queryset = Training.objects.filter(region=choice.region)
    if data["onderwerp"]:
        queryset = queryset.filter(topics__slug=data["onderwerp"])
    if data["voor"]:
        queryset = queryset.filter(audience__in=[data["voor"], Audience.BOTH])
    if data["vanaf"]:
        queryset = queryset.filter(sessions__date__gte=data["vanaf"]).distinct()
    # Read only: rows as dictionaries, their topics and sessions in a query each, no
    # model instances (the list is the page's whole cost on a cold cache).
    trainings = list(
        queryset.order_by("title").values(
            "pk", "title", "slug", "provider", "format", "audience", "accredited"
        )
    )
    detail = slug_prefix("training:detail")
    by_pk = {}
    for training in trainings:
        training["url"] = f"{detail}{training['slug']}/"
        training["topics"], training["shown_sessions"] = [], []
        by_pk[training["pk"]] = training
    if by_pk:
        names = {topic.pk: topic.name for topic in topics}
        linked = Training.topics.through.objects.filter(training_id__in=by_pk).values_list(
            "training_id", "trainingtopic_id"
        )
        # In the topics' order (by name), as a training's topics are listed everywhere.
        order = {pk: number for number, pk in enumerate(names)}
        for training_id, topic_id in sorted(linked, key=lambda pair: order[pair[1]]):
            by_pk[training_id]["topics"].append(names[topic_id])
        sessions = TrainingSession.objects.filter(training_id__in=by_pk)
        if start:
            sessions = sessions.filter(date__gte=start)
        shown = {}
        for training_id, day, place in sessions.order_by("date", "pk").values_list(
            "training_id", "date", "place"
        ):
            if day not in shown:
                shown[day] = show_date(day)
            by_pk[training_id]["shown_sessions"].append(
                {"date": day, "shown": shown[day], "place": place}
            )
    return {
        "valid": not form.is_bound or form.is_valid(),
        "trainings": trainings,
        "form": form,
        # Translated once for the Jinja2 list, not once a training.
        "count_text": ngettext("%(counter)s training", "%(counter)s trainings", len(trainings))
        % {"counter": len(trainings)},
        "format_labels": labels(Training.Format.choices),
        "audience_labels": labels(Audience.choices),
    }


def training_detail(request, slug):
    training = get_object_or_404(Training.objects.select_related("region"), slug=slug)
    show_past = request.GET.get("voorbij") == "on"
    region_query = f"?regio={training.region.slug}"
    return render(
        request,
        "criteria/training_detail.html",
        {
            "training": training,
            "show_past": show_past,
            # The sessions, topics and criteria: kept under the region's versions (the
            # full path in the key holds ?voorbij=on; today's date is in every key).
            "part": page_part("training", request, training.region_id, vary=(training.pk,)),
            # Built only when the cached part is missing (see toolbox_site/freshness.py).
            "page": SimpleLazyObject(lambda: _training_data(training, show_past, region_query)),
            "breadcrumbs": [(_("Training"), reverse("training:index")), (training.title, None)],
        },
    )


def _training_data(training, show_past, region_query):
    sessions = training.sessions.order_by("date", "pk")
    if not show_past:
        sessions = sessions.filter(date__gte=timezone.localdate())
    # The topics (by name) and the linked published criteria (by code) in one query.
    linked = tagged_rows(
        {
            "topics": (
                Training.topics.through.objects.filter(training=training),
                {"key": F("trainingtopic__name"), "label": Value("")},
            ),
            "criteria": (
                Training.criteria.through.objects.filter(
                    training=training, criterion__framework__status=Framework.Status.PUBLISHED
                ),
                {"key": F("criterion__code"), "label": F("criterion__title")},
            ),
        },
        order_by=("key",),
    )
    prefix = reverse("criteria:index")
    return {
        "sessions": list(sessions.values("date", "place", "seats")),
        "topics": [name for name, _title in linked["topics"]],
        "criteria": [
            {"code": code, "title": title, "url": criterion_url(code, region_query, prefix)}
            for code, title in linked["criteria"]
        ],
    }
