from bs4 import BeautifulSoup


def html(response):
    """The response parsed, for asserting on what a visitor's browser would show."""
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def text_of(soup):
    """The visible text of a page or element, with whitespace folded."""
    return " ".join(soup.get_text(" ").split())
