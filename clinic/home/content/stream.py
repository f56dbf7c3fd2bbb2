"""Builders for ClinicStreamBlock values, so the content modules read as text, not as JSON.

Each returns a (block_type, value) pair; StreamField accepts a list of them. A misspelt block
type would be dropped silently by StreamField, which is why the content uses these.
"""


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


def callout(kind, title, html):
    return ("callout", {"kind": kind, "title": title, "text": html})


def faq(questions, title="Common questions"):
    """`questions` is a list of (question, answer HTML) pairs."""
    return (
        "faq",
        {
            "title": title,
            "questions": [{"question": q, "answer": answer} for q, answer in questions],
        },
    )


def steps(title, items):
    return ("steps", {"title": title, "steps": list(items)})


def exercise(name, steps, frequency, safety_note, *, sets=None, reps=None, hold_seconds=None):
    """A home exercise with no picture; give `reps`, `hold_seconds` or both."""
    return (
        "exercise",
        {
            "name": name,
            "image": None,
            "alt_text": "",
            "steps": list(steps),
            "sets": sets,
            "reps": reps,
            "hold_seconds": hold_seconds,
            "frequency": frequency,
            "safety_note": safety_note,
        },
    )


def table(caption, header, rows):
    """A table with a header row: `header` a list of column titles, `rows` lists of cells
    (plain text)."""
    return (
        "table",
        {
            "table_caption": caption,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [list(header), *(list(row) for row in rows)],
        },
    )
