import unicodedata

from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.models import Page

from clinic.base.pagination import paginate
from education.models import SymptomArticlePage
from treatments.models import TreatmentPage

# Longer queries are cut rather than refused: nobody types more, and the cap keeps a
# pasted essay from becoming an expensive full-text query.
MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """The query as words a person could have typed: no control characters (PostgreSQL
    rejects NUL bytes), no runs of whitespace, at most MAX_QUERY_LENGTH characters."""
    printable = "".join(" " if unicodedata.category(char).startswith("C") else char for char in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        pages = (
            Page.objects.live()
            .public()
            .type(TreatmentPage, SymptomArticlePage)
            .specific()
            .search(query)
        )
        results = paginate(request, pages, RESULTS_PER_PAGE)
    return render(request, "search/search.html", {"query": query, "results": results})
