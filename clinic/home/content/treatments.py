"""The treatments section: its index page and the four treatment families the clinic offers."""

from .exercises import BACK_SPASM_EXERCISES
from .stream import callout, faq, heading, paragraph, steps

TREATMENT_INDEX = {
    "title": "Treatments",
    "slug": "treatments",
    "show_in_menus": True,
    "summary": (
        "The treatments we offer for back, neck and joint pain: what each one involves, what "
        "happens at a visit, who it suits and when it is not the right choice."
    ),
    "intro": (
        "<p>Every course of care starts with an assessment. A clinician listens to how your "
        "problem started, examines how you move and checks your nerves, then explains what they "
        "think is going on. Only then do we suggest treatment, usually a combination of the "
        "approaches below, chosen for you and reviewed as you improve.</p>"
    ),
}

JOINT_MANIPULATION = {
    "title": "Joint manipulation",
    "slug": "joint-manipulation",
    "icon": "joint-manipulation",
    "summary": (
        "Hands-on treatment that moves stiff joints in the spine and nearby areas through "
        "their normal range, to ease pain and help you move more freely. A clinician checks "
        "first that it is right for you."
    ),
    "body": [
        heading("What joint manipulation is"),
        paragraph(
            "<p>Joint manipulation, often called a spinal adjustment, is a hands-on treatment. "
            "A chiropractor moves a joint that has become stiff. Most often these are the small "
            "joints between the bones of the spine, but the same approach can be used for the "
            "pelvis, ribs, shoulders, hips and other joints near the spine. The aim is to help "
            "the joint move freely again. That can ease pain and make bending, turning and "
            "reaching feel easier.</p>"
        ),
        paragraph(
            "<p>Some techniques use a quick, short and carefully controlled push. Others are "
            "slow and gentle, moving the joint rhythmically within a comfortable range; this is "
            "called mobilization. You may hear a soft pop or click. That sound comes from gas "
            "bubbles in the fluid inside the joint. It is harmless, and the treatment works "
            "just as well without it.</p>"
        ),
        heading("How it may help"),
        paragraph(
            "<p>When a joint is stiff, the muscles around it often tighten to protect it, and "
            "that guarding can add to pain and spasm. Restoring movement can calm this cycle "
            "for many people. Studies show it gives some relief from low back pain for a "
            "while, about as much as other good treatments such as exercise. It works best as "
            "one part of a plan that keeps you active, not as something you need for good.</p>"
        ),
        callout(
            "info",
            "Assessment comes first",
            "<p>Before any manipulation, your clinician asks about your health and your pain. "
            "They watch how you move, and test your strength, feeling and reflexes to check "
            "your nerves. If manipulation is not right for you, we will say so. We will "
            "suggest another approach or send you to your doctor.</p>",
        ),
        steps(
            "What to expect over your first visits",
            [
                "We talk through your symptoms, your medical history and any medicines you take.",
                "Your clinician examines your posture, movement and nerve function, and "
                "explains what they find.",
                "If manipulation suits you, they describe the technique and ask for your "
                "consent before starting.",
                "The manipulation itself takes a few minutes. You can ask to stop, or to try a "
                "gentler technique, at any time.",
                "You leave with advice on staying active and, often, a few simple exercises to "
                "do at home.",
            ],
        ),
        heading("After treatment"),
        paragraph(
            "<p>You may feel a little sore or stiff for a day or two, as after a new kind of "
            "exercise. Some people feel tired or have a mild headache. This usually settles on "
            "its own. If you notice new numbness, weakness, or "
            "changes in bladder or bowel control, get medical help straight away.</p>"
        ),
        faq(
            [
                (
                    "Does joint manipulation hurt?",
                    "<p>Most people find it comfortable. You may feel pressure and a brief "
                    "stretch. Tell your clinician if anything feels wrong: gentler techniques "
                    "are always available.</p>",
                ),
                (
                    "Do I need an X-ray first?",
                    "<p>Usually not. You only need a scan when your story or your exam points to "
                    "more than a sore, stiff back, such as a broken bone. "
                    "If we think you need a scan, we will explain why and help arrange it.</p>",
                ),
                (
                    "How many sessions will I need?",
                    "<p>It varies. Many people notice a change within a few visits. We review "
                    "your progress regularly and will not suggest more sessions if they are not "
                    "helping.</p>",
                ),
                (
                    "Is neck manipulation safe?",
                    "<p>Serious problems are rare, but neck manipulation has been linked in rare "
                    "cases to injury of an artery in the neck, which can cause a stroke. We "
                    "check for warning signs, explain the benefits and risks, and offer gentle "
                    "mobilization instead if you prefer.</p>",
                ),
            ]
        ),
    ],
    "visit_length": "First visit about 60 minutes; follow-up visits 20 to 30 minutes",
    "what_to_wear": (
        "Loose, comfortable clothes you can bend and turn in, such as a T-shirt with sweatpants "
        "or leggings. Avoid belts with large buckles. If we need to see your back we will offer "
        "you a gown, and you are always welcome to ask for a chaperone."
    ),
    "what_happens": (
        "<p>Your first visit begins with questions about your pain, your health and your daily "
        "life, followed by an examination of how you move and how your nerves are working. "
        "Your clinician explains what they have found and what they suggest, and you decide "
        "together whether to go ahead.</p>"
        "<p>For the treatment itself you lie or sit on a padded treatment table. Your clinician "
        "positions you, explains each step, and then moves the joint, either with a quick, "
        "small push or with slow, gentle movements. Follow-up visits are shorter: we check how "
        "you responded, treat, and update your exercises.</p>"
    ),
    "who_it_helps": (
        "<p>Joint manipulation may help people with:</p>"
        "<ul>"
        "<li>low back pain, including pain that comes with muscle spasm</li>"
        "<li>neck pain and stiffness</li>"
        "<li>some headaches that start in the neck</li>"
        "<li>stiffness in the upper back, ribs or joints near the spine</li>"
        "</ul>"
        "<p>It suits mechanical pain best: pain that changes with movement and position.</p>"
    ),
    "safety_notes": (
        "<p>Joint manipulation is not suitable for everyone. We will not use forceful "
        "techniques, and may suggest another treatment or refer you to your doctor, if you "
        "have:</p>"
        "<ul>"
        "<li>osteoporosis or another condition that weakens the bones</li>"
        "<li>a recent or suspected fracture</li>"
        "<li>cancer that affects, or may have spread to, the spine</li>"
        "<li>a flare of inflammatory arthritis, such as rheumatoid arthritis or ankylosing "
        "spondylitis</li>"
        "<li>a spinal infection, or fever with back pain</li>"
        "<li>blood-thinning medication or a bleeding disorder</li>"
        "<li>signs of nerve compression: numbness, weakness that is getting worse, or changes "
        "in bladder or bowel control</li>"
        "<li>recent spinal surgery</li>"
        "</ul>"
        "<p>Tell us about all your medicines and health conditions, even if they seem "
        "unrelated. Mild soreness afterward is common; serious complications are rare.</p>"
    ),
}

SOFT_TISSUE_MANIPULATION = {
    "title": "Soft tissue manipulation",
    "slug": "soft-tissue-manipulation",
    "icon": "soft-tissue",
    "summary": (
        "Therapeutic massage and stretching of the muscles, tendons and connective tissue "
        "around the spine, to ease spasm, release tension and help a sore back move more "
        "comfortably."
    ),
    "body": [
        heading("What soft tissue manipulation is"),
        paragraph(
            "<p>Soft tissues are the parts of the body that support and move the skeleton: "
            "muscles, tendons, ligaments and fascia, the thin connective layer wrapped around "
            "each muscle. After a strain, or after weeks of sitting or guarding a painful back, "
            "these tissues can become tight, tender and reluctant to stretch. Soft tissue "
            "manipulation works on them directly with the hands and, sometimes, simple "
            "tools.</p>"
        ),
        paragraph(
            "<p>Techniques include therapeutic massage; steady pressure on tender, knotted spots "
            "known as trigger points; assisted stretching, in which your clinician gently "
            "lengthens a muscle while you relax or push lightly against their hand; and "
            "friction work across an old injury.</p>"
        ),
        heading("How it may help with back spasm"),
        paragraph(
            "<p>A muscle in spasm is stuck in a tightened state. Slow pressure and stretching "
            "can help it let go, which eases pain and makes it easier to start moving again. "
            "Massage may also help move excess fluid away from a swollen area and, over time, "
            "help scar tissue from an old injury become more flexible. Studies suggest massage "
            "can ease back pain in the short term, so we use it to make movement easier and "
            "pair it with exercises you can continue at home.</p>"
        ),
        callout(
            "tip",
            "Tell us what you feel",
            "<p>Firm pressure can feel intense, but it should never be more than you can "
            "comfortably breathe through. Say so if it is too much. Adjusting the pressure is "
            "part of the treatment, not a failure.</p>",
        ),
        steps(
            "A gentle lower-back stretch to try between visits",
            [
                "Lie on your back on a firm surface with both knees bent and your feet flat.",
                "Bring one knee toward your chest, holding behind the thigh with both hands.",
                "Hold for 20 to 30 seconds, breathing slowly. You should feel a gentle stretch, "
                "not pain.",
                "Lower the leg and repeat on the other side, two or three times each.",
                "Stop if the pain increases or spreads down your leg, and mention it at your "
                "next visit.",
            ],
        ),
        heading("After a session"),
        paragraph(
            "<p>Your muscles may feel tender the next day, much as they do after a workout. "
            "A warm shower, a short walk and drinking water usually help. Occasionally a small "
            "bruise appears where pressure was firm; tell us if this happens, so we can adjust "
            "next time.</p>"
        ),
        faq(
            [
                (
                    "Is this the same as a spa massage?",
                    "<p>It uses some of the same strokes, but it is targeted. Your clinician "
                    "works out which tissues are involved, treats those, and checks how your "
                    "movement changes as a result.</p>",
                ),
                (
                    "Can it be combined with other treatments?",
                    "<p>Yes. It is often used before joint manipulation or exercise, because "
                    "relaxed muscles make both easier and more comfortable.</p>",
                ),
                (
                    "Can I have it during a bad spasm?",
                    "<p>Gentle techniques can help in the first days. Deeper pressure is "
                    "usually saved until the worst of the pain has settled.</p>",
                ),
                (
                    "Will I need to undress?",
                    "<p>Only the area being treated needs to be uncovered, and many techniques "
                    "work through light clothing. Tell us what you are comfortable with.</p>",
                ),
            ]
        ),
    ],
    "visit_length": "About 30 minutes",
    "what_to_wear": (
        "Loose, comfortable clothing. For work on the back we may ask you to remove your top "
        "and lie under a towel or wear a gown, uncovering only the area being treated. Let us "
        "know if you would rather stay clothed: many techniques work through a thin layer."
    ),
    "what_happens": (
        "<p>Your clinician first checks how you move and feels for tight or tender areas. You "
        "then lie or sit comfortably on a padded treatment table, supported by pillows where "
        "needed. Treatment usually starts gently to warm the tissues, then focuses on the areas "
        "that need it most, with stretches in between.</p>"
        "<p>Your clinician checks in with you about pressure throughout, and retests your "
        "movement at the end so you can both see what changed. You leave with one or two "
        "stretches to keep the benefit going.</p>"
    ),
    "who_it_helps": (
        "<p>Soft tissue manipulation may help people with:</p>"
        "<ul>"
        "<li>back spasms and tight, tender back muscles</li>"
        "<li>muscle strains from lifting, sport or an awkward movement</li>"
        "<li>neck and shoulder tension, including tension from desk work</li>"
        "<li>stiffness that makes stretching and exercise hard to start</li>"
        "<li>old injuries where scar tissue limits movement</li>"
        "</ul>"
    ),
    "safety_notes": (
        "<p>Soft tissue work is gentle on the body, but some conditions mean we avoid an area, "
        "use only light pressure, or suggest another treatment. Tell us about any of "
        "these:</p>"
        "<ul>"
        "<li>a known or suspected blood clot, or a swollen, painful calf (this needs urgent "
        "medical assessment first)</li>"
        "<li>open wounds, recent burns, a rash or a skin infection in the area</li>"
        "<li>a recent fracture, or a new injury that is still hot and swollen</li>"
        "<li>blood-thinning medication or a bleeding disorder, which makes bruising more "
        "likely</li>"
        "<li>osteoporosis</li>"
        "<li>varicose veins, which we do not press on directly</li>"
        "<li>cancer, in which case we check with your care team first and avoid affected "
        "areas</li>"
        "<li>a fever or feeling unwell on the day of your visit (please reschedule)</li>"
        "</ul>"
    ),
}

CIRCULATION_THERAPIES = {
    "title": "Circulation therapies: heat, cold, electrical stimulation and ultrasound",
    "slug": "circulation-therapies",
    "icon": "circulation",
    "summary": (
        "Supporting treatments that act on blood flow and nerves in a sore area: hot and cold "
        "packs, gentle electrical stimulation and therapeutic ultrasound, used alongside "
        "hands-on care to ease pain, swelling and stiffness."
    ),
    "body": [
        heading("Why we use them"),
        paragraph(
            "<p>An injured or overworked part of the back can become swollen, inflamed and "
            "painful, and pain makes nearby muscles tighten. These therapies act on blood flow "
            "and nerve signals in the area to calm those reactions. They support hands-on care "
            "and exercise rather than replace them. Research on them is mixed: some people feel "
            "a clear short-term benefit and others notice little, so we will discuss whether "
            "they are worth including for you.</p>"
        ),
        heading("Heat and cold"),
        paragraph(
            "<p>Cold, from a wrapped ice pack, narrows blood vessels for a while. That can "
            "limit swelling and dull pain, and is most useful in the first two or three days "
            "after a new strain. Heat, from a warm pack or heating pad, widens blood vessels and "
            "brings more blood to the area, which helps tight muscles relax. It usually suits "
            "stiffness and spasm once the first inflammation has settled.</p>"
        ),
        steps(
            "Using heat or cold safely at home",
            [
                "Wrap ice or a cold pack in a thin towel. Never put it straight on your skin.",
                "Use a warm pack or heating pad, not a hot one, and keep a layer of fabric "
                "between it and your skin.",
                "Apply either for 15 to 20 minutes at a time, then let your skin return to its "
                "normal temperature before the next session.",
                "Check your skin every few minutes. Stop if it becomes very red, blotchy, numb "
                "or blistered.",
                "Never fall asleep on a heating pad or with an ice pack in place.",
            ],
        ),
        heading("Electrical stimulation"),
        paragraph(
            "<p>Small sticky pads on the skin carry a mild electrical current, felt as tingling "
            "or a gentle pulse. TENS (transcutaneous electrical nerve stimulation) mainly aims "
            "to reduce pain by changing the signals that nerves carry. Other types, such as "
            "interferential current or muscle stimulation, make muscles contract and relax. You "
            "control the strength, and it should never be painful. If TENS helps you, we can "
            "show you how to use a home unit safely.</p>"
        ),
        heading("Therapeutic ultrasound"),
        paragraph(
            "<p>Therapeutic ultrasound uses sound waves at frequencies too high to hear, "
            "delivered through a small handheld head moved slowly over a layer of gel. The waves "
            "can gently warm tissues below the skin. Most people feel nothing at all, or mild "
            "warmth. It uses the same kind of sound waves as an ultrasound scan, but at "
            "settings meant to treat tissue rather than make a picture.</p>"
        ),
        callout(
            "info",
            "Part of the plan, not the whole plan",
            "<p>These therapies ease symptoms for a while. Lasting improvement usually comes "
            "from staying active and building strength, so your plan will include movement and "
            "exercise too.</p>",
        ),
        faq(
            [
                (
                    "Should I use heat or ice for a back spasm?",
                    "<p>In the first couple of days after a strain, many people find that cold "
                    "eases pain and swelling; after that, heat often helps tight muscles relax. "
                    "Either is fine if it makes you more comfortable, used through a cloth for "
                    "no more than 20 minutes at a time.</p>",
                ),
                (
                    "Does electrical stimulation hurt?",
                    "<p>No. It should feel like tingling or tapping. Your clinician turns it up "
                    "slowly and turns it down as soon as you ask.</p>",
                ),
                (
                    "Is therapeutic ultrasound the same as a scan?",
                    "<p>No. It uses the same kind of sound waves, but it treats tissue instead "
                    "of producing an image, and it will not show what is wrong.</p>",
                ),
                (
                    "Can I buy a TENS machine for home?",
                    "<p>Yes, they are widely available. Ask us or your doctor first if you have "
                    "a pacemaker or another implanted device, are pregnant, have epilepsy or "
                    "have a heart condition.</p>",
                ),
            ]
        ),
    ],
    "visit_length": "10 to 20 minutes, usually as part of a longer visit",
    "what_to_wear": (
        "Loose clothing that lets us reach the area being treated; a top that lifts easily is "
        "ideal, because pads and gel go on bare skin. Please remove jewelry near the area and "
        "avoid lotion or oil on the skin there that day."
    ),
    "what_happens": (
        "<p>Your clinician checks the skin of the area and, before any heat, cold or electrical "
        "treatment, tests that you can feel warm, cold and light touch normally. You lie or sit "
        "comfortably, supported by pillows.</p>"
        "<p>For heat or cold, a wrapped pack rests on the area for up to 20 minutes. For "
        "electrical stimulation, two to four pads are placed around the sore area and the "
        "strength is raised slowly until you feel a comfortable tingle. For ultrasound, the "
        "clinician moves a small head over gel on your skin for a few minutes. Someone is "
        "always within call, and you can ask to stop at any time.</p>"
    ),
    "who_it_helps": (
        "<p>These therapies may help people with:</p>"
        "<ul>"
        "<li>a recent back strain or spasm, to ease pain and swelling</li>"
        "<li>stiff, tight muscles that need to relax before hands-on treatment or exercise</li>"
        "<li>pain that makes it hard to move or sleep, as a short-term comfort measure</li>"
        "<li>sprains and strains of other joints and muscles</li>"
        "</ul>"
    ),
    "safety_notes": (
        "<p><b>Heat and cold</b> are not used on skin with reduced feeling (for example from "
        "diabetes or nerve damage), on areas with poor circulation, on broken or fragile skin, "
        "or for people with Raynaud's phenomenon or a sensitivity to cold. Heat is not used on "
        "a new injury that is still hot and swollen.</p>"
        "<p><b>Electrical stimulation</b> is not used if you have a pacemaker, implanted "
        "defibrillator or other implanted electrical device; over the abdomen, pelvis or lower "
        "back during pregnancy; over the front of the neck, the eyes or broken skin; over a "
        "known tumor or blood clot; or near the head and neck in people with epilepsy.</p>"
        "<p><b>Therapeutic ultrasound</b> is not used over the growing ends of bones (growth "
        "plates) in children and teenagers, over tumors, over the abdomen or pelvis during "
        "pregnancy, over the eyes, over an infection or blood clot, or over an implanted "
        "electrical device.</p>"
        "<p>Tell us if any of these apply to you, or if you are not sure. We will choose "
        "another approach.</p>"
    ),
}

EXERCISE_THERAPY = {
    "title": "Exercise therapy",
    "slug": "exercise-therapy",
    "icon": "exercise",
    "summary": (
        "A personal program of strengthening, stretching and everyday movement, taught at the "
        "clinic and continued at home, to build a stronger, more flexible back that copes "
        "better with daily life."
    ),
    "body": [
        heading("Why exercise matters for your back"),
        paragraph(
            "<p>Hands-on treatment can ease pain and get a stiff back moving, but what you do "
            "between visits matters most over time. Strong, flexible muscles support the spine, "
            "share the load of daily tasks and are less likely to be strained by an awkward lift "
            "or a sudden movement. Exercise is one of the best-supported treatments for "
            "long-lasting low back pain, and staying active makes future episodes less "
            "likely.</p>"
        ),
        paragraph(
            "<p>Exercise therapy means a program designed for you. Your clinician looks at how "
            "you move, where you are weak or tight, what your days involve and what you enjoy, "
            "then chooses a few exercises to start with and builds from there. It is never too "
            "late to begin: strength and flexibility improve at any age.</p>"
        ),
        heading("What a program includes"),
        paragraph(
            "<p>Most programs combine three kinds of exercise:</p>"
            "<ul>"
            "<li><b>Strength</b> for the muscles of the trunk, hips and legs that support and "
            "move the spine.</li>"
            "<li><b>Flexibility</b>, with stretches for the back, hips and the backs of the "
            "thighs.</li>"
            "<li><b>General activity</b> such as walking, swimming or cycling, which keeps the "
            "whole body conditioned.</li>"
            "</ul>"
        ),
        callout(
            "tip",
            "Start small, keep going",
            "<p>Ten minutes on most days does more than an hour once a week. Some discomfort "
            "is normal when you start and should ease as your body adapts. If pain becomes "
            "sharply worse or spreads down a leg, stop and tell us.</p>",
        ),
        steps(
            "A session at home, step by step",
            [
                "Warm up with a few minutes of easy walking.",
                "Do your exercises in the order on your sheet, slowly and smoothly. Breathe "
                "normally and do not bounce.",
                "Rest for a short while between sets.",
                "Afterwards, note how your back felt, then and the next morning. Tell us at your "
                "next visit.",
            ],
        ),
        heading("Exercises to start with"),
        paragraph(
            "<p>Many programs for a sore lower back begin with these four. Your clinician will "
            "show you how to do them and tell you which ones suit you.</p>"
        ),
        *BACK_SPASM_EXERCISES,
        heading("How your program changes"),
        paragraph(
            "<p>As you get stronger, we make the exercises harder step by step: more "
            "repetitions, longer holds, and new movements closer to what your work, sport or "
            "hobbies ask of you. The goal is that you leave with a routine you can keep up "
            "without us.</p>"
        ),
        faq(
            [
                (
                    "I am in pain. Shouldn't I rest?",
                    "<p>A little rest can help during a bad flare, but long bed rest tends to "
                    "slow recovery. Gentle movement, such as short walks, usually helps more. "
                    "We will help you find the right level for now.</p>",
                ),
                (
                    "Do I need a gym or equipment?",
                    "<p>No. Most exercises need only a floor, a chair or a resistance band. If "
                    "you already go to a gym, we can adapt your program to it.</p>",
                ),
                (
                    "How soon will I notice a difference?",
                    "<p>Many people move more easily within a few weeks, while building "
                    "strength takes six to eight weeks or more. Doing the exercises regularly "
                    "matters more than doing them hard.</p>",
                ),
                (
                    "What if an exercise hurts?",
                    "<p>Mild, short-lived discomfort is common. Sharp pain, pain that lasts "
                    "into the next day, or pain that spreads down a leg means we should change "
                    "the exercise, so stop and let us know.</p>",
                ),
            ]
        ),
    ],
    "visit_length": "First session about 45 minutes; follow-up sessions about 30 minutes",
    "what_to_wear": (
        "Comfortable clothes you can move freely in, and supportive athletic shoes. Bring a "
        "water bottle, and a list of any exercises or activities you already do."
    ),
    "what_happens": (
        "<p>At your first session your clinician asks about your daily routine, your goals and "
        "any activities you enjoy or avoid. They watch how you bend, lift, squat and balance to "
        "find where you are strong, weak or tight.</p>"
        "<p>You then learn a small number of exercises, practicing each one until you are "
        "confident doing it alone, and take home written instructions. At follow-up sessions we "
        "check your technique, ask how the exercises felt, and move your program on as you "
        "improve.</p>"
    ),
    "who_it_helps": (
        "<p>Exercise therapy may help people who:</p>"
        "<ul>"
        "<li>are recovering from a back spasm or strain</li>"
        "<li>have back pain that keeps coming back, or has lasted for months</li>"
        "<li>sit for long hours and feel stiff or sore</li>"
        "<li>want to return to sport, work or hobbies after an injury</li>"
        "<li>want to keep the benefit of hands-on treatment</li>"
        "<li>want to stay strong and mobile as they get older</li>"
        "</ul>"
    ),
    "safety_notes": (
        "<p>Exercise is safe for almost everyone when it is matched to the person. We adapt "
        "your program, and may ask you to check with your doctor first, if you have a heart or "
        "lung condition, high blood pressure that is not under control, osteoporosis (we avoid "
        "heavy bending and twisting under load), a joint replacement, recent surgery, or are "
        "pregnant.</p>"
        "<p>Stop exercising and get medical help straight away if you have chest pain or "
        "pressure, unusual shortness of breath, dizziness or faintness. Stop and tell us if "
        "pain becomes sharply worse, spreads down a leg, or comes with numbness, pins and "
        "needles or weakness.</p>"
    ),
}

# In the order the site lists them.
TREATMENTS = [
    JOINT_MANIPULATION,
    SOFT_TISSUE_MANIPULATION,
    CIRCULATION_THERAPIES,
    EXERCISE_THERAPY,
]
