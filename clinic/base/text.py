from django.utils.html import strip_tags
from django.utils.text import normalize_newlines


def lines(text):
    """The non-empty lines of a 'one per line' field."""
    return [line.strip() for line in normalize_newlines(text or "").split("\n") if line.strip()]


def plain_text(html):
    """Rich text as one line of plain text, for descriptions in metadata."""
    return " ".join(strip_tags(str(html)).split())


def words_patients_read(summary, body):
    """The text of a page's summary and StreamField `body` (or None), for its reading level."""
    parts = [summary]
    if body:
        parts += body.stream_block.get_searchable_content(body)
    return plain_text(" ".join(parts))
