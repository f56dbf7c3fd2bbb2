"""The clinic's contact details and urgent-care advice (fictional: a 555 number and an
example.com-style address)."""

CLINIC_NAME = "Lumbar Chiropractic & Musculoskeletal Clinic"

CLINIC_SETTINGS = {
    "clinic_name": CLINIC_NAME,
    "phone": "(503) 555-0147",
    "email": "hello@lumbar-clinic.example",
    "emergency_number": "911",
    "front_desk_email": "frontdesk@lumbar-clinic.example",
    # The signs themselves are the warning signs' list (warning_signs.py), shown after it.
    "urgent_care_advice": (
        "We are not an emergency service. If you have any of the signs below, get help "
        "instead of booking with us."
    ),
}
