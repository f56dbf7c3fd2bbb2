"""schema.org JSON-LD for practitioners: a Person, known across the site by its @id."""

from clinic.base.models import ClinicSettings
from clinic.base.seo import absolute_url, person_id, site_root_url


def person(practitioner, profile_url, request):
    """The practitioner as their profile describes them."""
    data = {
        "@type": "Person",
        "@id": person_id(profile_url),
        "name": practitioner.name,
        "url": profile_url,
        "worksFor": {
            "@type": "MedicalClinic",
            "name": ClinicSettings.for_request(request).clinic_name,
            "url": site_root_url(request) + "/",
        },
    }
    if practitioner.role:
        data["jobTitle"] = practitioner.role
    if practitioner.credentials:
        data["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": practitioner.credentials,
        }
    if practitioner.bio:
        data["description"] = practitioner.bio
    if practitioner.language_list:
        data["knowsLanguage"] = practitioner.language_list
    work_locations = [
        {"@type": "MedicalClinic", "name": location.title, "url": location.get_full_url(request)}
        for location in practitioner.work_locations
    ]
    if work_locations:
        data["workLocation"] = work_locations
    if practitioner.photo:
        data["image"] = absolute_url(request, practitioner.photo.get_rendition("fill-400x400").url)
    return data
