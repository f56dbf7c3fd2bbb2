"""The home page, the root of the clinic's site."""

from .clinic_settings import CLINIC_NAME

HOME_PAGE = {
    "title": CLINIC_NAME,
    "slug": "home",
    "summary": (
        "Chiropractic and musculoskeletal care for back, neck and joint pain: a careful "
        "assessment first, then hands-on treatment and exercise plans that help you move well "
        "and stay that way."
    ),
    "what_we_treat": (
        "<p>We see adults of all ages with pain and stiffness in their muscles and joints. "
        "People most often come to us with:</p>"
        "<ul>"
        "<li>low back pain and back spasms</li>"
        "<li>neck pain and a stiff neck</li>"
        "<li>pain that spreads from the lower back into the buttock or leg</li>"
        "<li>upper back and rib pain, often linked to long hours at a desk</li>"
        "<li>shoulder, hip and knee strains</li>"
        "<li>sports and work injuries to muscles, tendons and ligaments</li>"
        "<li>headaches that start in a tight, stiff neck</li>"
        "</ul>"
        "<p>Not sure whether we are the right place for your problem? Call us and ask: if we "
        "are not, we will tell you who is. If your pain is sudden and severe, or comes with "
        "the warning signs in our urgent-care advice, get emergency help first.</p>"
    ),
}
