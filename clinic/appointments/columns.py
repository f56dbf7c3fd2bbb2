"""The inbox listing's columns: Wagtail's, with cells that cost less to render.

Wagtail renders a cell as a template that calls further templates: the title cell's row
menu is a dropdown component holding a button component per entry, each with an icon
template; a status or a date is an inclusion tag with a template of its own. With 25 rows
that made up most of the listing's time. These columns write the same HTML out
(tests/test_front_desk_admin.py checks it against Wagtail's own columns): the title cell in
one flat template, the small cells (a status tag, a date) with format_html, as a template
render costs more than their content. The status label comes without Django's
get_FOO_display, which hashes every (lazy) choice label on each call.
"""

from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.admin.ui.tables import DateColumn, StatusFlagColumn, StatusTagColumn, TitleColumn
from wagtail.admin.widgets.button import ButtonWithDropdown

from .models import AppointmentRequest

TEMPLATES = "appointments/admin/tables/"


class ReferenceColumn(TitleColumn):
    """The reference, linked to the request, with the row's menu (Edit, Inspect...).

    The view supplies the link and the buttons as for Wagtail's title column (see
    AppointmentRequestIndexView._get_title_column). A "More options" dropdown of the shape
    Wagtail's listings make (an icon toggle, link entries) is written out in the template;
    any other button is rendered by Wagtail as usual.
    """

    cell_template_name = TEMPLATES + "reference_cell.html"

    def render_cell_html(self, instance, parent_context):
        context = self.get_cell_context_data(instance, parent_context)
        # "buttons" comes from Wagtail's ButtonsColumnMixin, which the view adds to this
        # class (its get_cell_context_data runs after ours): hence here, not there.
        context["menus"] = [
            (button, sorted(button.dropdown_buttons) if is_plain_row_menu(button) else None)
            for button in context["buttons"]
            if button.show
        ]
        return self.cell_template.render(context)


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
        label = self.true_label if self.get_value(instance) else self.false_label
        return cell(self, status_tag(label, primary=True) if label else "")


class StatusColumn(StatusTagColumn):
    """Wagtail's StatusTagColumn (wagtailadmin/tables/status_tag_cell.html) showing the
    request's status label; `primary` as for that column."""

    def __init__(self, name="status", **kwargs):
        super().__init__(name, accessor=status_label, **kwargs)

    def render_cell_html(self, instance, parent_context):
        return cell(self, status_tag(self.get_value(instance), self.get_primary(instance)))


def status_label(appointment_request):
    """What get_status_display gives (the label, translated now), for a fraction of its cost."""
    status = appointment_request.status
    if status in AppointmentRequest.Status.values:
        return str(AppointmentRequest.Status(status).label)
    return status


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
                format_date(local, "c"),
                capfirst(timesince_simple(value)),
            ),
        )
