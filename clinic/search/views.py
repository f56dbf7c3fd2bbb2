import re

from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.models import Page

from clinic.base.pagination import paginate
from education.models import SymptomArticlePage
from treatments.models import TreatmentPage

# Longer queries are cut rather than refused: nobody types more, and the cap keeps a
# pasted essay from becoming an expensive full-text query.
MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
WORD = re.compile(r"[^\W_]+")


def clean_query(raw):
    """The words of what a patient typed, at most MAX_QUERY_LENGTH characters.

    Only words are searched: quotes, operators and markup would be full-text syntax to
    the database (an unbalanced quote is an error in SQLite's FTS5), and NUL bytes are
    rejected by PostgreSQL."""
    return " ".join(WORD.findall(raw))[:MAX_QUERY_LENGTH].strip()


@require_safe
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
