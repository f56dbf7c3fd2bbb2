"""The inbox listing's columns: Wagtail's, with cells that cost less to render.

Wagtail renders a cell as a template that calls further templates: the title cell's row
menu is a dropdown component holding a button component per entry, each with an icon
template; a status or a date is an inclusion tag with a template of its own. With 25 rows
that made up a third of the listing's time. These columns write the same HTML out with
format_html (tests/test_front_desk_admin.py checks it against Wagtail's own columns), as a
template render costs more than these cells' content. The status label comes without
Django's get_FOO_display, which hashes every (lazy) choice label on each call.
"""

import functools

from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.admin.ui.tables import DateColumn, StatusFlagColumn, StatusTagColumn, TitleColumn
from wagtail.admin.widgets.button import ButtonWithDropdown

from .models import status_label


class ReferenceColumn(TitleColumn):
    """The reference, linked to the request, with the row's menu (Edit, Inspect...):
    Wagtail's title cell (wagtailadmin/tables/title_cell.html).

    The view supplies the link and the buttons as for Wagtail's title column (see
    AppointmentRequestIndexView._get_title_column). A "More options" dropdown of the shape
    Wagtail's listings make (an icon toggle, link entries: shared/button_with_dropdown.html,
    shared/dropdown/dropdown.html, shared/button.html, shared/icon.html) is written out
    here; any other button is rendered by Wagtail as usual.
    """

    def render_cell_html(self, instance, parent_context):
        context = self.get_cell_context_data(instance, parent_context)
        link_url = context["link_url"]
        title = (
            format_html('<a href="{}">{}</a>', link_url, context["value"])
            if link_url
            else context["value"]
        )
        # "buttons" comes from Wagtail's ButtonsColumnMixin, which the view mixes into this
        # class.
        menus = format_html_join(
            "",
            "<li>{}</li>",
            (
                (row_menu(button) if is_plain_row_menu(button) else button.render_html(context),)
                for button in context["buttons"]
                if button.show
            ),
        )
        return format_html(
            '<td class="{}title"><div class="title-wrapper">{}</div>{}</td>',
            f"{self.classname} " if self.classname else "",
            title,
            format_html('<ul class="actions">{}</ul>', menus) if menus else "",
        )


def row_menu(button):
    """Wagtail's "More options" dropdown (see is_plain_row_menu) and its entries."""
    entries = format_html_join(
        "",
        '<a href="{}" class="{}" {}>{}{}</a>',
        (
            (
                entry.url,
                entry.classname,
                entry.base_attrs_string,
                icon(entry.icon_name, "icon"),
                entry.label,
            )
            for entry in sorted(button.dropdown_buttons)
        ),
    )
    return format_html(
        '<div data-controller="w-dropdown" class="w-dropdown"{}>'
        '<button type="button" class="w-dropdown__toggle w-dropdown__toggle--icon"'
        ' data-w-dropdown-target="toggle"{}>{}</button>'
        '<div data-w-dropdown-target="content" class="w-dropdown__content" hidden>{}</div>'
        "</div>",
        button.base_attrs_string,
        format_html(' aria-label="{}"', button.aria_label) if button.aria_label else "",
        icon(button.icon_name or "arrow-down", "w-dropdown__toggle-icon"),
        entries,
    )


def icon(name, classname):
    """Wagtail's icon (wagtailadmin/shared/icon.html), or nothing without a name."""
    if not name:
        return ""
    return format_html(
        '<svg class="icon icon-{} {}" aria-hidden="true"><use href="#icon-{}"></use></svg>',
        name,
        classname,
        name,
    )


def is_plain_row_menu(button):
    """A dropdown like the one Wagtail's get_list_buttons makes: an icon toggle with no label
    or extra class, holding plain link buttons."""
    return (
        type(button) is ButtonWithDropdown
        and not button.label
        and not button.classname
        and all(entry.url and entry.allow_in_dropdown for entry in button.dropdown_buttons)
    )


def cell(column, content):
    """A <td> as Wagtail's cell templates write it, with the column's classname if any."""
    if column.classname:
        return format_html('<td class="{}">{}</td>', column.classname, content)
    return format_html("<td>{}</td>", content)


def status_tag(label, primary):
    """Wagtail's status tag (wagtailadmin/shared/status_tag.html) for a label, not a link."""
    return format_html(
        '<span class="w-status{}">{}</span>', " w-status--primary" if primary else "", label or ""
    )


class UrgentColumn(StatusFlagColumn):
    """Wagtail's StatusFlagColumn (wagtailadmin/tables/status_flag_cell.html)."""

    def render_cell_html(self, instance, parent_context):
        return rendered_once(self, bool(self.get_value(instance)), get_language())

    def render_cell_for(self, value):
        label = self.true_label if value else self.false_label
        return cell(self, status_tag(label, primary=True) if label else "")


class StatusColumn(StatusTagColumn):
    """Wagtail's StatusTagColumn (wagtailadmin/tables/status_tag_cell.html) showing the
    request's status label; `primary` as for that column."""

    def __init__(self, name="status", **kwargs):
        super().__init__(name, **kwargs)

    def render_cell_html(self, instance, parent_context):
        key = (instance.status, self.get_primary(instance))
        return rendered_once(self, key, get_language())

    def render_cell_for(self, key):
        status, primary = key
        return cell(self, status_tag(status_label(status), primary))


@functools.lru_cache(maxsize=256)
def rendered_once(column, key, language):
    """A cell that takes a handful of values (a flag, a status) rendered once per value and
    language, rather than once per row: translating and escaping its label cost more than
    looking it up."""
    return column.render_cell_for(key)


class ReceivedColumn(DateColumn):
    """When the request came, as "3 hours ago" with the date and time in a tooltip:
    Wagtail's DateColumn (wagtailadmin/tables/date_cell.html, shared/human_readable_date.html)
    for a date and time, formatted by the same filters."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        if not value:
            return cell(self, "")
        # In the current time zone, as a template shows a date and time.
        local = timezone.localtime(value)
        return cell(
            self,
            format_html(
                '<button type="button" class="w-human-readable-date" data-controller="w-tooltip"'
                ' data-w-tooltip-content-value="{}" data-w-tooltip-placement-value="top">'
                '<time class="w-human-readable-date__date" datetime="{}">{}</time></button>',
                format_date(local, "DATETIME_FORMAT"),
                local.isoformat(),  # what the "c" format gives
                capfirst(timesince_simple(value)),
            ),
        )
