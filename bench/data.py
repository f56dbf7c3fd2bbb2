"""Generated symptom articles and appointment requests, for the benchmark (`make bench`).

Words are drawn at random from small vocabularies so that thousands of articles read
differently: common words (pain, back) match most articles in a search, condition names
(piriformis, whiplash) a few, as on a real site. Requests spread over a year the way an inbox
fills up: recent ones still new, older ones booked or closed, a few urgent, a few spam.
"""

import datetime
import uuid

from django.utils.text import capfirst

from clinic.appointments.forms import CONSENT_VERSION
from clinic.appointments.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    AppointmentRequest,
    TimeOfDay,
    Weekday,
)
from clinic.home.content.stream import callout, faq, heading, paragraph, steps
from clinic.home.content.warning_signs import WARNING_SIGNS

REGIONS = [
    "lower back",
    "upper back",
    "mid back",
    "neck",
    "shoulder",
    "hip",
    "knee",
    "ankle",
    "wrist",
    "elbow",
    "jaw",
    "tailbone",
]
PROBLEMS = [
    "pain",
    "stiffness",
    "spasms",
    "numbness",
    "tingling",
    "aching",
    "strain",
    "weakness",
    "clicking",
    "swelling",
]
SITUATIONS = [
    "after lifting",
    "when sitting at a desk",
    "in the morning",
    "after running",
    "during pregnancy",
    "after gardening",
    "when driving",
    "at night",
    "after a fall",
    "when bending",
    "after sport",
    "in older adults",
    "in teenagers",
    "after a long flight",
    "when standing all day",
    "after a cold winter",
]
CONDITIONS = [
    "sciatica",
    "a slipped disc",
    "osteoarthritis",
    "whiplash",
    "scoliosis",
    "bursitis",
    "tendinitis",
    "sacroiliac joint dysfunction",
    "piriformis syndrome",
    "a rotator cuff injury",
    "carpal tunnel syndrome",
    "plantar fasciitis",
    "spinal stenosis",
    "fibromyalgia",
    "a ligament sprain",
    "a muscle tear",
    "facet joint irritation",
    "degenerative disc disease",
    "tension headaches",
    "frozen shoulder",
]
TISSUES = ["muscle", "joint", "ligament", "tendon", "disc", "nerve", "cartilage", "fascia"]
ACTIVITIES = [
    "short walks",
    "swimming",
    "gentle yoga",
    "cycling on a flat road",
    "stretching your hamstrings",
    "pilates",
    "tai chi",
    "light gardening",
]
SENTENCES = [
    "Many people notice {problem} in the {region} {situation}.",
    "It often starts slowly and builds over a few days, though some people feel it at once.",
    "{Condition} is one possible cause, especially when the {tissue} is already irritated.",
    "Gentle movement, such as {activity}, usually helps more than bed rest.",
    "Heat or cold, wrapped in a cloth, for 15 to 20 minutes at a time can ease {problem}.",
    "See a clinician if the {problem} lasts more than {weeks} weeks or keeps coming back.",
    "At your first visit we ask how it started and check how your {region} moves.",
    "Posture matters less than moving often: change position every half hour.",
    "The {tissue} around the {region} can take six to twelve weeks to heal fully.",
    "Strength training twice a week lowers the chance of {problem} returning.",
    "Sleep on your side with a pillow between your knees if lying flat hurts.",
    "{Condition} can feel similar, so an assessment is worth having if you are unsure.",
    "Most people recover well, and few need scans or surgery.",
    "Keep a short diary of what makes the {problem} better or worse to bring to your visit.",
    "Warm up before sport and build up distance slowly, by about a tenth each week.",
    "Stress and poor sleep make {problem} feel worse, so rest counts as treatment too.",
    "A supportive chair and a screen at eye level take strain off the {region}.",
    "Drink water through the day: tired, dry muscles cramp more easily.",
    "Children and teenagers get {problem} too, often from heavy school bags.",
    "If {activity} hurts, stop, rest a day and try again more gently.",
]
SIGNS = [
    "A dull ache in the {region}",
    "Sharp {problem} when you move suddenly",
    "{Problem} that eases when you rest",
    "Stiffness that is worst in the morning",
    "Tenderness when you press on the {region}",
    "Pain that spreads towards the {other}",
    "Difficulty turning or bending",
]
CAUSES = [
    "Overworked or tired muscles",
    "Lifting with a twisted back",
    "Sitting still for long periods",
    "{Condition}",
    "An old injury to the {region}",
    "Sudden increases in training",
    "Weak supporting muscles",
]
PREVENTIONS = [
    "Stretch your {region} gently every day",
    "Take a break from sitting every 30 minutes",
    "Build strength with two short sessions a week",
    "Lift with your knees bent and the load close to you",
    "Warm up before sport",
    "Keep active with {activity}",
]
QUESTIONS = [
    ("Should I rest completely?", "<p>No: gentle movement helps most people recover sooner.</p>"),
    ("Do I need an X-ray?", "<p>Rarely. We refer you for a scan only when it would help.</p>"),
    ("Will it come back?", "<p>It can, but regular exercise makes that much less likely.</p>"),
    ("Can I keep working?", "<p>Usually yes, with breaks and changes to how you sit.</p>"),
    ("Is heat or ice better?", "<p>Either: use whichever feels better for you.</p>"),
]
STRETCH = [
    "Lie on your back with your knees bent and your feet flat.",
    "Breathe out and let your {region} relax.",
    "Move slowly into the stretch until you feel a gentle pull, not pain.",
    "Hold for 20 seconds, then rest and repeat three times.",
]
URGENT_HELP = (
    "<p>Call {emergency} or go to the emergency department if {problem} in your {region} comes "
    "with numbness around the groin, new trouble controlling your bladder or bowels, a fever, "
    "or weakness in your legs that is getting worse.</p>"
)
IMAGE_CAPTIONS = [
    ("A clinician checking how a patient's {region} moves", "Assessment comes before treatment."),
    ("A patient doing a gentle stretch on a mat", "Little and often works best."),
    ("A model of the spine and pelvis", "Where the {region} sits in the body."),
    ("A person walking in a park", "Short walks help recovery."),
]

FIRST_NAMES = [
    "Maria", "James", "Aisha", "Wei", "Olga", "Carlos", "Fatima", "Liam", "Noah", "Emma",
    "Sofia", "Mateo", "Yuki", "Priya", "Kwame", "Ingrid", "Tomás", "Chloé", "Dmitri", "Amara",
    "Hannah", "Oliver", "Zoe", "Lucas", "Mia", "Ethan", "Ava", "Jamal", "Leila", "Björn",
    "Siobhan", "Rahul", "Ana", "Kenji", "Grace", "Diego", "Nadia", "Samuel", "Elif", "Hugo",
]  # fmt: skip
LAST_NAMES = [
    "Kowalczyk", "Garcia", "Nguyen", "Smith", "Okafor", "Müller", "Rossi", "Johnson",
    "Patel", "Kim", "O'Brien", "Haddad", "Silva", "Andersson", "Brown", "Novák", "Tanaka",
    "Martínez", "Wilson", "Ivanova", "Dubois", "Mensah", "Chen", "Lopez", "Taylor", "Ahmed",
    "Costa", "Murphy", "Schneider", "Yilmaz", "Davies", "Fernández", "Singh", "Walker",
]  # fmt: skip
EMAIL_DOMAINS = ["example.com", "example.org", "mail.example", "inbox.example"]
MESSAGES = [
    "My {region} has hurt since I moved house last {month}.",
    "{Problem} in my {region} {situation}, getting worse over two weeks.",
    "I was told I might have {condition}. Can you help?",
    "Follow-up for my {region}, the last visit helped a lot.",
    "My doctor suggested chiropractic care for {problem} in my {region}.",
    "",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]

Status = AppointmentRequest.Status
CLOSED_STATUSES = [Status.BOOKED, Status.DECLINED, Status.NO_SHOW, Status.WITHDRAWN]
SPAM_SHARE = 0.05
URGENT_SHARE = 0.04
NO_TREATMENT_SHARE = 0.25
IMAGE_SHARE = 0.3


# What a placeholder such as {condition} is drawn from, unless the article fixed it.
PLACEHOLDERS = {
    "region": REGIONS,
    "other": REGIONS,
    "problem": PROBLEMS,
    "situation": SITUATIONS,
    "condition": CONDITIONS,
    "tissue": TISSUES,
    "activity": ACTIVITIES,
    "weeks": ["two", "three", "four", "six"],
    "month": MONTHS,
}


class _Words(dict):
    """Placeholder values, drawn when a template first asks; {Problem} is {problem}
    capitalised."""

    def __init__(self, rng, words):
        super().__init__(words)
        self.rng = rng

    def __missing__(self, name):
        if name[0].isupper():
            value = capfirst(self[name.lower()])
        else:
            value = self.rng.choice(PLACEHOLDERS[name])
        self[name] = value
        return value


def _fill(template, rng, **words):
    return template.format_map(_Words(rng, words))


def _paragraph_html(rng, words, sentences):
    chosen = rng.sample(SENTENCES, sentences)
    return "<p>" + " ".join(_fill(sentence, rng, **words) for sentence in chosen) + "</p>"


def _lines(rng, templates, count, words):
    return "\n".join(_fill(template, rng, **words) for template in rng.sample(templates, count))


def article_fields(rng, images=()):
    """The fields of one generated symptom article, and the names of its tags."""
    words = {
        "region": rng.choice(REGIONS),
        "problem": rng.choice(PROBLEMS),
        "situation": rng.choice(SITUATIONS),
    }
    title = capfirst(f"{words['region']} {words['problem']} {words['situation']}")
    body = [paragraph(_paragraph_html(rng, words, 3))]
    for _section in range(rng.randint(2, 5)):
        body.append(heading(capfirst(_fill("{problem} and {condition}", rng, **words))))
        body.append(paragraph(_paragraph_html(rng, words, rng.randint(3, 6))))
        kind = rng.random()
        if kind < 0.25:
            body.append(callout("tip", "What helps", _paragraph_html(rng, words, 2)))
        elif kind < 0.4:
            body.append(faq(rng.sample(QUESTIONS, 2)))
        elif kind < 0.5:
            body.append(steps("A gentle stretch", [_fill(s, rng, **words) for s in STRETCH]))
    if images and rng.random() < IMAGE_SHARE:
        alt, caption = rng.choice(IMAGE_CAPTIONS)
        block = {
            "image": rng.choice(images),
            "alt_text": _fill(alt, rng, **words),
            "caption": _fill(caption, rng, **words),
        }
        body.insert(1, ("image", block))
    return {
        "title": title,
        "summary": _fill(
            "Why {problem} in the {region} happens {situation}, what helps at home, and the "
            "warning signs that need urgent care.",
            rng,
            **words,
        ),
        "body": body,
        "signs": _lines(rng, SIGNS, rng.randint(3, 5), words),
        "causes": _lines(rng, CAUSES, rng.randint(2, 4), words),
        "prevention": _lines(rng, PREVENTIONS, rng.randint(2, 4), words),
        "urgent_help": _fill(URGENT_HELP, rng, emergency="911", **words),
        "tag_names": sorted({words["region"], words["problem"]}),
    }


def new_references(rng, count, taken):
    """`count` references in the form's format, none in `taken` (which they are added to)."""
    references = []
    while len(references) < count:
        code = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = f"LB-{code}"
        if reference not in taken:
            taken.add(reference)
            references.append(reference)
    return references


def appointment_request(rng, now, reference, treatments, staff, locations=()):
    """One unsaved AppointmentRequest, received some time in the year before `now`.

    Built as the form and the front desk leave it: closed ones have `closed_at`, real ones
    were notified, spam notified nobody (bulk_create skips the model's save())."""
    created = now - datetime.timedelta(seconds=rng.randint(60, 365 * 24 * 60 * 60))
    age_days = (now - created).days
    if rng.random() < SPAM_SHARE:
        status = Status.SPAM
    elif age_days < 3:
        status = rng.choices([Status.NEW, Status.CONTACTED], weights=[3, 1])[0]
    elif age_days < 14:
        status = rng.choices([Status.NEW, Status.CONTACTED, *CLOSED_STATUSES], [1, 3, 4, 1, 1, 1])[
            0
        ]
    else:
        status = rng.choices(CLOSED_STATUSES, weights=[12, 2, 1, 2])[0]
    red_flags = (
        [
            {"wording": sign["wording"], "urgency": sign["urgency"]}
            for sign in rng.sample(WARNING_SIGNS, rng.randint(1, 2))
        ]
        if rng.random() < URGENT_SHARE
        else []
    )
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    local_part = f"{first}.{last}".lower().replace("'", "")
    treatment = None
    if treatments and rng.random() >= NO_TREATMENT_SHARE:
        treatment = rng.choice(treatments)
    request = AppointmentRequest(
        location=rng.choice(locations) if locations else None,
        reference=reference,
        # Not from `rng`: a second run with the same seed still makes new tokens.
        submission_token=uuid.uuid4(),
        treatment=treatment,
        full_name=f"{first} {last}",
        email=f"{local_part}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}",
        phone=f"({rng.randint(201, 989)}) 555-{rng.randint(100, 199):04d}",
        preferred_contact=rng.choice(AppointmentRequest.ContactMethod.values),
        preferred_days=sorted(rng.sample(Weekday.values, rng.randint(0, 3))),
        preferred_times=sorted(rng.sample(TimeOfDay.values, rng.randint(0, 2))),
        patient_type=rng.choice(AppointmentRequest.PatientType.values),
        message=_fill(rng.choice(MESSAGES), rng),
        red_flags=red_flags,
        is_urgent=bool(red_flags),
        consent_given_at=created,
        consent_version=CONSENT_VERSION,
        status=status,
        spam_reason="honeypot" if status == Status.SPAM else "",
        created_at=created,
    )
    if status not in (Status.NEW, Status.SPAM) and staff:
        request.handled_by = rng.choice(staff)
    if status not in AppointmentRequest.OPEN_STATUSES:
        request.closed_at = min(now, created + datetime.timedelta(days=rng.randint(1, 10)))
    if status != Status.SPAM:
        request.front_desk_notified_at = request.patient_notified_at = created
    return request
