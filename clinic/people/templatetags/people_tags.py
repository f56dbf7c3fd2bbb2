from django import template

from clinic.people.models import TeamPage

register = template.Library()


@register.simple_tag
def team_page():
    """The live team page, where practitioners' profiles are; None without one."""
    return TeamPage.find()
