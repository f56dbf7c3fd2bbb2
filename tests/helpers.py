from bs4 import BeautifulSoup


def html(response):
    """The response parsed, for asserting on what a visitor's browser would show."""
    assert response.status_code == 200, response.status_code
    return parse(response)


def parse(response):
    """Any response parsed, whatever its status (error pages too)."""
    return BeautifulSoup(response.content, "html.parser")


def text_of(soup):
    """The visible text of a page or element, with whitespace folded."""
    return " ".join(soup.get_text(" ").split())
