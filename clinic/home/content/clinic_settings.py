"""The clinic's contact details and urgent-care advice (fictional: a 555 number and an
example.com-style address)."""

CLINIC_NAME = "Lumbar Chiropractic & Musculoskeletal Clinic"

CLINIC_SETTINGS = {
    "clinic_name": CLINIC_NAME,
    "phone": "(503) 555-0147",
    "email": "hello@lumbar-clinic.example",
    "emergency_number": "911",
    "front_desk_email": "frontdesk@lumbar-clinic.example",
    "urgent_care_advice": (
        "We are not an emergency service. Call 911 or go to the nearest emergency department, "
        "instead of booking with us, if you have chest pain, difficulty breathing, sudden "
        "severe pain, pain after a serious fall or accident, numbness around the groin or "
        "buttocks, new trouble controlling your bladder or bowels, or leg weakness that is "
        "getting worse."
    ),
}
