"""A request keeps the warning signs the patient ticked in the words they read, with how
urgent each was ({"wording", "urgency"}), instead of codes of a list fixed in the code:
clinicians now edit the list (safety.WarningSign), and a stored request must not change
with it. The codes stored until now become the words the form showed for them."""

from django.db import migrations

# The form's list until this migration: code, the words the patient read, how urgent.
FORMER_SIGNS = {
    "saddle_numbness": ("Numbness around the groin, genitals or buttocks", "emergency"),
    "bladder_bowel": ("New problems controlling your bladder or bowels", "emergency"),
    "leg_weakness": ("Weakness in one or both legs that is spreading or worsening", "emergency"),
    "fever": ("Fever, or feeling generally unwell, with your back pain", "same_day"),
    "trauma": ("Pain that started after a major fall, car accident or other injury", "emergency"),
    "weight_loss": ("Weight loss you cannot explain", "same_day"),
}
FORMER_CODES = {wording: code for code, (wording, _urgency) in FORMER_SIGNS.items()}


def codes_to_wording(apps, schema_editor):
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    changed = []
    for request in AppointmentRequest.objects.exclude(red_flags=[]).only("pk", "red_flags"):
        signs = [
            {"wording": FORMER_SIGNS[code][0], "urgency": FORMER_SIGNS[code][1]}
            if code in FORMER_SIGNS
            # Not a code of the form's list (none should be): kept as it was written.
            else {"wording": str(code), "urgency": "emergency"}
            for code in request.red_flags
            if isinstance(code, str)
        ]
        if signs != request.red_flags:
            request.red_flags = signs
            changed.append(request)
    AppointmentRequest.objects.bulk_update(changed, ["red_flags"], batch_size=500)


def wording_to_codes(apps, schema_editor):
    """Back to codes: the former list's words become their codes again; a sign added to the
    list since has no code and is kept as its words."""
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    changed = []
    for request in AppointmentRequest.objects.exclude(red_flags=[]).only("pk", "red_flags"):
        codes = [
            FORMER_CODES.get(sign["wording"], sign["wording"])
            for sign in request.red_flags
            if isinstance(sign, dict)
        ]
        request.red_flags = codes
        changed.append(request)
    AppointmentRequest.objects.bulk_update(changed, ["red_flags"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("appointments", "0009_front_desk_locations")]

    operations = [migrations.RunPython(codes_to_wording, wording_to_codes, elidable=False)]
