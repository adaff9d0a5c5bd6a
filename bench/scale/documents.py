"""National-scale documents for the benchmark: the demo's documents in every scale
region (about six each, one with two versions), their files small placeholder bytes
written through the documents storage: no rendering."""

from documents import demo
from documents.models import Document
from toolbox_site import freshness
from toolbox_site.models import Region

PLACEHOLDER = {
    "pdf": b"%PDF-1.4\n% placeholder of the scale data\n%%EOF\n",
    "xlsx": b"PK\x03\x04 placeholder of the scale data",
}


def generate_documents(ctx):
    regions = Region.objects.filter(
        pk__in={organization.region_id for organization in ctx.organizations}
    ).order_by("pk")
    count = 0
    for region in regions:
        for entry in demo.DATA["documents"]:
            demo.add(
                region,
                {**entry, "slug": f"{entry['slug']}-{region.slug}"},
                contents=lambda number, extension: PLACEHOLDER[extension],
            )
            count += 1
    freshness.changed("documents")
    return f"{count} documents"


def delete(regions):
    """Remove the scale regions' documents; their stored files go with them
    (documents.models.remove_stored_file)."""
    Document.objects.filter(region__in=regions).delete()
    freshness.changed("documents")


STEPS = [generate_documents]
