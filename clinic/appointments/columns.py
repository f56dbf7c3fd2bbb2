"""The inbox listing's columns: Wagtail's, with cells rendered from one flat template each.

Wagtail renders a cell as a template that calls further templates: the title cell's row
menu is a dropdown component holding a button component per entry, each with an icon
template; a status or a date is an inclusion tag with a template of its own. With 25 rows
that made up most of the listing's time. These columns write the same HTML out in one
template per cell (tests/test_front_desk_admin.py checks it against Wagtail's own columns),
and take the status label without Django's get_FOO_display, which hashes every (lazy)
choice label on each call.
"""

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


class UrgentColumn(StatusFlagColumn):
    cell_template_name = TEMPLATES + "status_flag_cell.html"


class StatusColumn(StatusTagColumn):
    """The request's status label; `primary` as for Wagtail's StatusTagColumn."""

    cell_template_name = TEMPLATES + "status_tag_cell.html"

    def __init__(self, name="status", **kwargs):
        super().__init__(name, accessor=status_label, **kwargs)


def status_label(appointment_request):
    """What get_status_display gives (the label, translated now), for a fraction of its cost."""
    status = appointment_request.status
    if status in AppointmentRequest.Status.values:
        return str(AppointmentRequest.Status(status).label)
    return status


class ReceivedColumn(DateColumn):
    """ "3 hours ago", with the date and time in a tooltip, as Wagtail's DateColumn shows."""

    cell_template_name = TEMPLATES + "date_cell.html"
