"""The clinic's general pages: about the clinic, the first visit, fees, the privacy notice and
the accessibility statement.

The privacy notice describes what the appointment request form and its emails really do
(clinic/appointments): keep it in step with that code.
"""

from .stream import callout, faq, heading, paragraph, steps, table

# The date the privacy notice and the accessibility statement take effect.
EFFECTIVE_DATE = "1 December 2026"

ABOUT = {
    "title": "About the clinic",
    "slug": "about",
    "show_in_menus": True,
    "summary": (
        "Who we are and how we work: a careful check first, hands-on care and exercise, plain "
        "words about what is going on, and honest advice when another service would suit you "
        "better."
    ),
    "body": [
        paragraph(
            "<p>Lumbar is a chiropractic and musculoskeletal clinic. We help adults with pain "
            "and stiffness in their back, neck and joints. Our aim is simple: to help you "
            "understand your problem, move well again and get back to the things you "
            "enjoy.</p>"
        ),
        heading("How we work"),
        paragraph(
            "<ul>"
            "<li><strong>We check first.</strong> Care always starts with an assessment. We "
            "listen to your story, look at how you move and check your nerves. Only then do "
            "we suggest a treatment.</li>"
            "<li><strong>We use our hands and exercise.</strong> Hands-on care at the clinic "
            "can ease pain and stiffness. Exercises you do at home help you get stronger and "
            "stay well.</li>"
            "<li><strong>We explain in plain words.</strong> We tell you what we think is going "
            "on, what we suggest and why. Ask us anything, at any time.</li>"
            "<li><strong>We tell you when we are not the right place.</strong> If your problem "
            "needs a doctor, a scan or another kind of care, we will say so and help you find "
            "it.</li>"
            "</ul>"
        ),
        heading("Our team"),
        paragraph(
            "<p>Our team is made up of chiropractors, a physical therapist and a friendly "
            "front desk. Our chiropractors are licensed Doctors of Chiropractic. Our physical "
            "therapist leads much of our exercise therapy. The team works closely together, so "
            "your care can draw on more than one set of skills.</p>"
            "<p>A clinician checks each health article on this website before we publish it. "
            "We look at them again from time to time to keep them up to date.</p>"
        ),
        heading("What you can expect from us"),
        paragraph(
            "<ul>"
            "<li>Time to talk, and to ask questions.</li>"
            "<li>We ask for your consent before any treatment. You can ask us to stop at any "
            "time.</li>"
            "<li>A plan that fits your goals, your work and your daily life.</li>"
            "<li>Honest advice about how you are doing, including when you no longer need "
            "us.</li>"
            '<li>Respect for your privacy. Our <a href="/privacy/">privacy notice</a> says '
            "how we look after your information.</li>"
            "</ul>"
        ),
        callout(
            "tip",
            "Coming to see us?",
            '<p>Read <a href="/first-visit/">Your first visit</a> to find out what to bring '
            "and what happens. When you are ready, "
            '<a href="/appointments/request/">request an appointment</a> or give us a '
            "call.</p>",
        ),
        heading("Getting to us and getting around"),
        paragraph(
            "<p>The building has an elevator, so you do not need to use the stairs to reach "
            "us. You will find our address and opening hours on our "
            '<a href="/contact/">contact page</a>.</p>'
            "<p>If you use a wheelchair or a walker, or you need help getting on and off the "
            "treatment table, please tell us when you book. We will do our best to make your "
            "visit easy. You are welcome to bring a friend or family member with you.</p>"
            "<p>If you need a sign language interpreter or help in another language, let us "
            "know when you book, and we will set it up for your visit.</p>"
        ),
    ],
}

FIRST_VISIT = {
    "title": "Your first visit",
    "slug": "first-visit",
    "show_in_menus": True,
    "summary": (
        "How to get ready for your first visit: what to bring and wear, what happens in the "
        "45 to 60 minutes you are with us, how you may feel afterward and how to cancel."
    ),
    "body": [
        paragraph(
            "<p>Your first visit is about getting to know you and your problem. There is "
            "plenty of time to talk. Nothing happens without your agreement, and you can ask "
            "questions at any point.</p>"
        ),
        heading("Before you come"),
        paragraph(
            "<p>It helps to think about your problem before the visit. You may like to jot "
            "down a few notes:</p>"
            "<ul>"
            "<li>when the pain or stiffness started, and how</li>"
            "<li>what makes it better, and what makes it worse</li>"
            "<li>how it affects your sleep, your work and the things you enjoy</li>"
            "<li>what you have tried so far, and whether it helped</li>"
            "<li>what you most want to get back to doing</li>"
            "</ul>"
        ),
        heading("What to bring"),
        paragraph(
            "<ul>"
            "<li>a photo ID, such as a driver's license</li>"
            "<li>your insurance card, if you have one</li>"
            "<li>a list of the medicines you take, including vitamins and supplements</li>"
            "<li>any scans, test results or letters from other doctors about this "
            "problem</li>"
            "<li>your glasses, if you need them to read a form</li>"
            "</ul>"
        ),
        heading("What to wear"),
        paragraph(
            "<p>Wear loose, comfortable clothes that you can move in, such as a T-shirt with "
            "shorts or stretchy pants. We will want to see how your back, neck or joints "
            "move.</p>"
            "<p>If we need to see the skin over your spine or a joint, we will explain why "
            "first. You can always ask to have a friend or family member in the room.</p>"
        ),
        heading("How long it takes"),
        paragraph(
            "<p>Plan for about 45 to 60 minutes. Please arrive 10 minutes early so you have "
            "time to fill in a short form about your health. Follow-up visits are usually "
            "shorter.</p>"
        ),
        steps(
            "What happens at your first visit",
            [
                "We talk about your problem, your health in general and any medicines you take.",
                "Your clinician examines how you stand and move. They also check the "
                "strength, feeling and reflexes in your arms or legs.",
                "They explain what they think is going on, in plain words, and answer your "
                "questions.",
                "They suggest a plan, tell you what each treatment involves and ask for your "
                "consent. You can say no, or ask for another option.",
                "If it is safe and you agree, you may have your first treatment the same day.",
                "You leave with advice for the days ahead and, often, a few simple exercises "
                "to do at home.",
            ],
        ),
        heading("After your visit"),
        paragraph(
            "<p>Some people feel a little sore or stiff for a day or two, a bit like after a "
            "workout. This is common and usually fades on its own. Keep moving gently, and "
            "do the exercises you were shown. If you are not sure how to do one, call us and "
            "ask.</p>"
            "<p>If your pain gets much worse, or you notice anything new that worries you, "
            "call us.</p>"
        ),
        callout(
            "urgent",
            "When to get urgent help",
            "<p>Call 911 or go to the nearest emergency department if you have sudden severe "
            "pain, numbness around the groin or buttocks, new trouble controlling your "
            "bladder or bowels, or leg weakness that is getting worse. Do not wait for your "
            "next visit.</p>",
        ),
        heading("If you need to cancel"),
        paragraph(
            "<p>Please give us at least 24 hours' notice by phone if you cannot come. Then we "
            "can offer your time to someone else who is in pain. Our phone number is on our "
            '<a href="/contact/">contact page</a>.</p>'
            "<p>If you cancel with less than 24 hours' notice, or miss your visit, a late "
            'cancellation fee may apply. Our <a href="/fees/">fees page</a> has the '
            "details.</p>"
        ),
        faq(
            [
                (
                    "Do I need a referral from my doctor?",
                    "<p>No. You can book with us directly. Some insurance plans only pay if "
                    "your doctor refers you, so check with your plan first.</p>",
                ),
                (
                    "Will I be treated at my first visit?",
                    "<p>Often, but not always. We treat you on the first day only if it is "
                    "safe, it suits your problem and you agree. Sometimes the best first step "
                    "is advice and exercises, or a referral to your doctor.</p>",
                ),
                (
                    "Will it hurt?",
                    "<p>Treatment should not be painful. Some techniques feel firm, and you "
                    "may be a little sore afterward. Tell us if anything feels wrong, and we "
                    "will stop or try a gentler approach.</p>",
                ),
                (
                    "How many visits will I need?",
                    "<p>It depends on your problem, how long you have had it and your goals. "
                    "We will give you an honest idea at your first visit, and we check your "
                    "progress as we go.</p>",
                ),
                (
                    "Can I bring someone with me?",
                    "<p>Yes. A friend or family member is welcome to come with you and to "
                    "stay in the room if you would like.</p>",
                ),
                (
                    "What if I am running late?",
                    "<p>Call us to let us know. We will still see you if we can, but we may "
                    "need to shorten your visit so that other patients are not kept "
                    "waiting.</p>",
                ),
                (
                    "How do I book?",
                    '<p>Call us, or <a href="/appointments/request/">request an '
                    "appointment</a> online. Our front desk will contact you within one "
                    "working day to find a time that suits you.</p>",
                ),
            ]
        ),
    ],
}

FEES = {
    "title": "Fees and insurance",
    "slug": "fees",
    "show_in_menus": True,
    "summary": (
        "What our visits cost, how insurance works with our care, the ways you can pay, and "
        "what happens if you cancel late or miss a visit."
    ),
    "body": [
        paragraph(
            "<p>We want you to know what your care will cost before you come. These are our "
            "fees for each type of visit. You pay at the end of each visit.</p>"
        ),
        table(
            "Our fees",
            ["Appointment", "Length", "Fee"],
            [
                [
                    "First visit (assessment, and often a first treatment)",
                    "45 to 60 minutes",
                    "$95",
                ],
                ["Follow-up visit", "20 to 30 minutes", "$65"],
                ["Exercise therapy session", "45 minutes", "$80"],
                ["Review visit (a full check of your progress)", "30 minutes", "$75"],
            ],
        ),
        callout(
            "info",
            "Keeping our prices clear",
            "<p>We review our prices each January. If a price changes, this table changes "
            "too, and we will tell you before your next visit.</p>",
        ),
        heading("Insurance"),
        paragraph(
            "<p>Many health plans cover chiropractic care and physical therapy. But what "
            "they pay for varies a lot from plan to plan. Before your first visit, call your "
            "insurer and ask:</p>"
            "<ul>"
            "<li>Do you cover chiropractic care and physical therapy?</li>"
            "<li>How many visits do you cover each year?</li>"
            "<li>Do I need a referral from my doctor?</li>"
            "<li>How much will I pay myself, such as a copay or a deductible?</li>"
            "</ul>"
            "<p>In most cases, you pay us at your visit. We then give you a detailed "
            "receipt, called a superbill. You can send it to your insurer to claim money "
            "back. We do not usually send claims to insurers for you. If your care is part "
            "of a work injury or car accident claim, ask our front desk what we can do.</p>"
        ),
        heading("If you do not have insurance"),
        paragraph(
            "<p>You can still see us. If you do not have insurance, or you choose not to use "
            "it, you have the right to a written estimate of what your care will cost. This "
            "is called a Good Faith Estimate. Ask for one when you book.</p>"
        ),
        heading("How to pay"),
        paragraph(
            "<p>We take:</p>"
            "<ul>"
            "<li>credit and debit cards</li>"
            "<li>HSA and FSA cards</li>"
            "<li>cash</li>"
            "</ul>"
            "<p>If cost is a worry, please talk to us before you start. We will help you "
            "plan visits that fit your budget.</p>"
        ),
        heading("Late cancellations and missed visits"),
        paragraph(
            "<p>If you cannot come, please call us at least 24 hours before your visit. Then "
            "we can offer the time to someone else. If you cancel later than that, or miss "
            "your visit, we may charge a fee of $40.</p>"
            "<p>We know that life does not always go to plan. We will not charge the fee if "
            "an emergency or a sudden illness kept you away.</p>"
        ),
        faq(
            [
                (
                    "Do I need insurance to be seen?",
                    "<p>No. Many of our patients pay for their own care. The fees above are "
                    "what you pay.</p>",
                ),
                (
                    "Can I use my HSA or FSA card?",
                    "<p>Yes. Chiropractic care is usually something these accounts pay for. "
                    "Check with your plan if you are not sure.</p>",
                ),
                (
                    "Why does the first visit cost more?",
                    "<p>It is longer. It includes a full assessment, an explanation of what "
                    "we find and a plan, as well as treatment if it suits you.</p>",
                ),
                (
                    "Will I get a receipt?",
                    "<p>Yes, after every visit. Ask for a superbill if you want to claim "
                    "from your insurer.</p>",
                ),
            ]
        ),
    ],
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "summary": (
        "How we collect, use, share and protect your information: what our appointment form "
        "asks for, who can see it, how long we keep it, the cookies we use and your privacy "
        "rights."
    ),
    "body": [
        paragraph(
            "<p>This notice tells you how we look after your personal information. It covers "
            "this website and our appointment request form. It also includes our Notice of "
            "Privacy Practices, which says how we use your health information as a "
            "clinic.</p>"
        ),
        callout(
            "urgent",
            "Our website is not for emergencies",
            "<p>Do not use our appointment form or email if you need help now. Our front "
            "desk replies to requests within one working day. In an emergency, call 911 or "
            "go to the nearest emergency department.</p>",
        ),
        heading("Who we are"),
        paragraph(
            "<p>Lumbar Chiropractic &amp; Musculoskeletal Clinic (“we”) is in "
            "charge of the information you give us, and is responsible for it. If you have a "
            "question about your privacy, call or email us and ask for our privacy officer. "
            "You will find our phone number and email on our "
            '<a href="/contact/">contact page</a>.</p>'
        ),
        heading("What our appointment form collects"),
        paragraph(
            "<p>When you ask for an appointment on this website, we collect:</p>"
            "<ul>"
            "<li>your full name, email address and phone number</li>"
            "<li>how you want us to contact you: a phone call, a text or an email</li>"
            "<li>the days and times of day that suit you</li>"
            "<li>whether you have been to the clinic before</li>"
            "<li>the treatment you are interested in, if you choose one</li>"
            "<li>a short message about your problem, if you write one</li>"
            "<li>any warning signs you tick from our list</li>"
            "<li>when you agreed to our consent statement, and which version of it you "
            "saw</li>"
            "</ul>"
            "<p>We use this only to arrange your appointment. If you tick a warning sign, we "
            "mark your request as urgent, so that our front desk calls you first. Our staff "
            "may add notes to your request, such as when they called you.</p>"
            "<p>Please keep your message short. Leave out anything you would not want our "
            "front desk to read: you can tell your clinician more in person. If you would "
            "rather not give your details online, just call us.</p>"
        ),
        heading("Who can see your request"),
        paragraph(
            "<p>Your request is kept in the staff area of our website, behind a secure "
            "sign-in. Only staff whose job needs it can see it: our front desk, who contact "
            "you, and our clinic managers. The front desk may pass on what your clinician "
            "needs to know before your visit. Staff who edit the pages of this website "
            "cannot see appointment requests.</p>"
            "<p>The front desk can download a list of requests to help them call people "
            "back. The list holds contact details and the times that suit you. It does not "
            "hold your message or any warning signs you ticked.</p>"
            "<p>Our system keeps a record each time a staff member opens a request or "
            "downloads a list. This shows who looked at what, and when.</p>"
            "<p>The companies that host our website and send our emails handle your "
            "information for us. They may use it only to provide that service. We never "
            "sell your information, and we do not share it with advertisers.</p>"
        ),
        heading("The emails we send"),
        paragraph(
            "<p>When you send a request, two emails go out:</p>"
            "<ul>"
            "<li><strong>One to our front desk.</strong> It says that a new request has come "
            "in. It gives a reference number, the treatment you chose, whether the request "
            "is urgent and a link to our secure staff area. It does not include your name, "
            "your contact details or anything about your health.</li>"
            "<li><strong>One to you.</strong> It confirms that we have your request. It gives "
            "your reference number, what happens next and how to reach us. It does not "
            "repeat your message or anything about your health.</li>"
            "</ul>"
            "<p>If you get one of these emails but did not ask for an appointment, please "
            "call us and we will delete the request.</p>"
        ),
        heading("How long we keep it"),
        paragraph(
            "<p>We keep your request while we are arranging your visit. Once it is closed, "
            "for example because your visit is booked or you decided not to come, we keep it "
            "for 365 days. Then it is deleted for good, without anyone having to remember to "
            "do it. You can ask us to delete it sooner.</p>"
            "<p>Our record of who opened a request stays after the request is deleted. But "
            "it no longer holds your name or details, only the reference number.</p>"
            "<p>Once you become a patient, your health records are kept apart from these "
            "requests, for as long as the law says we must keep them.</p>"
        ),
        heading("How we keep it safe"),
        paragraph(
            "<ul>"
            "<li>Our website uses a secure connection (HTTPS), so what you type is scrambled "
            "on its way to us.</li>"
            "<li>Staff must sign in to see requests. Too many wrong passwords block further "
            "tries for a while.</li>"
            "<li>Our website's logs do not record what you type in the form, what you search "
            "for or your internet address.</li>"
            "<li>To stop misuse, the form takes only a few requests from the same internet "
            "address each hour. To count them, we keep a scrambled code made from the "
            "address, not the address itself, and the count is cleared after the hour.</li>"
            "<li>Our pages run no tracking code, and load no scripts, fonts or ads from other "
            "companies.</li>"
            "</ul>"
        ),
        heading("Cookies"),
        paragraph(
            "<p>A cookie is a small file that a website stores in your browser. We use as "
            "few as we can. We do not use cookies for analytics or advertising, and no other "
            "company puts cookies on your device through our website. We use two:</p>"
            "<ul>"
            "<li><strong>A security cookie</strong> on the appointment form. It stops other "
            "websites from sending the form in your name.</li>"
            "<li><strong>A short confirmation cookie</strong> after you send the form. It "
            "lets the next page show your reference number. It holds only that number and "
            "whether your request is urgent. It is signed, so it cannot be faked, and it ends "
            "after one hour.</li>"
            "</ul>"
            "<p>Staff who sign in to the staff area also get a sign-in cookie. You do not need "
            "one to use this website.</p>"
            "<p>You can block or delete cookies in your browser settings. If you block them, "
            "the appointment form may not work, but you can always call us instead.</p>"
        ),
        heading("Your rights"),
        paragraph(
            "<p>You can ask us to:</p>"
            "<ul>"
            "<li>give you a copy of the information we hold about you</li>"
            "<li>correct anything that is wrong</li>"
            "<li>delete your appointment requests</li>"
            "</ul>"
            "<p>You can ask by phone, by email or in person at the clinic. We may ask you to "
            "show who you are first, to keep your information safe. We will reply within 30 "
            "days. If the law says we must keep a record, such as a health record, we will "
            "tell you.</p>"
        ),
        heading("How to complain"),
        paragraph(
            "<p>If you are unhappy with how we have handled your information, please tell us "
            "first. Call or email us and ask for our privacy officer. We will look into it "
            "and reply.</p>"
            "<p>If you are in the United States, you can also complain to the U.S. "
            "Department of Health and Human Services Office for Civil Rights. See "
            '<a href="https://www.hhs.gov/hipaa/filing-a-complaint/index.html">how to '
            "file a complaint</a> on their website. You usually need to do this within 180 "
            "days.</p>"
            "<p>We will never treat you differently, or refuse you care, because you "
            "complained.</p>"
        ),
        heading("Notice of Privacy Practices (United States)"),
        paragraph(
            "<p><strong>This notice describes how medical information about you may be used "
            "and disclosed and how you can get access to this information. Please review it "
            "carefully.</strong></p>"
            "<p>As a health care provider, we must protect your health information under a "
            "federal law called HIPAA. This part sums up how we may use and share it, your "
            "rights and our duties. You can ask us for a paper copy at any time.</p>"
        ),
        heading("How we may use and share your health information", level="h3"),
        paragraph(
            "<ul>"
            "<li><strong>To treat you.</strong> Our clinicians use your information to care "
            "for you. We may share it with others who treat you, such as your doctor.</li>"
            "<li><strong>To get paid.</strong> We may use your information to bill for your "
            "care, and share it with your health plan so your care can be paid for.</li>"
            "<li><strong>To run the clinic.</strong> We may use it to run our services, "
            "check the quality of our care and train our staff. This is called health care "
            "operations.</li>"
            "<li><strong>When the law requires it.</strong> We share information when a law "
            "says we must. Examples are public health reports, a court order, workers' "
            "compensation claims, or to prevent a serious threat to someone's health or "
            "safety.</li>"
            "</ul>"
            "<p>For any other use, such as marketing, we will ask for your written "
            "permission first. We will never sell your information. If you give your "
            "permission, you can take it back later in writing.</p>"
        ),
        heading("Your rights over your health information", level="h3"),
        paragraph(
            "<ul>"
            "<li><strong>See and get a copy</strong> of your health and billing records, on "
            "paper or in electronic form. We will do this within 30 days. We may charge a "
            "fair fee based on our cost, and we will tell you the fee first.</li>"
            "<li><strong>Ask us to correct</strong> (amend) your records if you think they "
            "are wrong or incomplete. We may say no, but we will tell you why in writing "
            "within 60 days.</li>"
            "<li><strong>Get a list</strong> (an accounting) of the times we shared your "
            "information in the last six years. It does not include sharing for treatment, "
            "payment or running the clinic, or sharing you asked for. One list a year is "
            "free.</li>"
            "<li><strong>Ask us to limit</strong> (restrict) what we use or share. We do not "
            "have to agree. But if you pay for a service in full yourself, you can ask us not "
            "to share it with your health plan, and we will agree unless the law requires "
            "us to share it.</li>"
            "<li><strong>Ask us to contact you in a private way</strong> (confidential "
            "communications), such as only on your cell phone or at another address. We "
            "will say yes to all reasonable requests.</li>"
            "<li><strong>Get a paper copy of this notice</strong> at any time, even if you "
            "agreed to get it by email.</li>"
            "<li><strong>Choose someone to act for you</strong>, such as a legal guardian or "
            "a person with your medical power of attorney.</li>"
            "</ul>"
            "<p>To use any of these rights, call or email us, or ask at the front desk.</p>"
        ),
        heading("Our duties", level="h3"),
        paragraph(
            "<ul>"
            "<li>We must keep your health information private and secure, as the law "
            "requires.</li>"
            "<li>We must give you this notice and do what it says.</li>"
            "<li>We must tell you promptly if a breach happens that may have put your "
            "information at risk.</li>"
            "<li>We will not use or share your information in other ways unless you tell us "
            "in writing that we can.</li>"
            "</ul>"
            "<p>We may change this notice. Any change will apply to all the information we "
            "hold about you. The new notice will be on this page and at the clinic, and you "
            "can ask us for a copy.</p>"
        ),
        paragraph(f"<p>This notice takes effect on {EFFECTIVE_DATE}.</p>"),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "summary": (
        "How we work to make this website easy for everyone to use, how we test it, the "
        "problems we know about, and how to tell us if something does not work for you."
    ),
    "body": [
        paragraph(
            "<p>We want everyone to be able to use this website. That includes people who "
            "use a screen reader, a keyboard, a screen magnifier or voice control.</p>"
        ),
        heading("Our goal"),
        paragraph(
            "<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level "
            "AA. These are widely used rules for making websites work well for people with "
            "disabilities.</p>"
        ),
        heading("How we test this website"),
        paragraph(
            "<ul>"
            "<li>Each time we change the website, an automated tool called axe-core checks "
            "our patient pages in a real web browser. It checks them at the width of a phone "
            "(375 pixels) and of a desktop screen (1280 pixels). We fix any serious problem "
            "it finds.</li>"
            "<li>We check that you can find your way around and send the appointment form "
            "using only a keyboard.</li>"
            "<li>Our pages for patients work without JavaScript.</li>"
            "<li>Text has a contrast of at least 4.5 to 1 with its background, so it is easy "
            "to read.</li>"
            "<li>Pages print cleanly. A printed page shows our name and phone number, "
            "without menus or buttons.</li>"
            "</ul>"
        ),
        heading("What we know is not perfect yet"),
        paragraph(
            "<ul>"
            "<li>Some PDFs and other documents on this website may be hard to use with a "
            "screen reader.</li>"
            "<li>Some pictures added by our staff may not have a helpful description.</li>"
            "<li>Automated tools cannot find every problem. Some may only show up when "
            "people use the website.</li>"
            "</ul>"
            "<p>If you need anything on this website in another form, just ask us.</p>"
        ),
        heading("Tell us about a problem"),
        paragraph(
            "<p>If something on this website does not work for you, please tell us. Call or "
            'email us: you will find both on our <a href="/contact/">contact page</a>. Tell '
            "us which page it was and what went wrong. We will reply within 5 working "
            "days.</p>"
        ),
        heading("Other ways to get information"),
        paragraph(
            "<p>You do not have to use this website. You can:</p>"
            "<ul>"
            "<li>call us to ask a question or to book a visit</li>"
            "<li>ask for any of our pages or forms in large print</li>"
            "<li>ask us to go through a form with you at the clinic</li>"
            "</ul>"
            "<p>To find out about getting to the clinic and moving around it, see "
            '<a href="/about/">About the clinic</a>.</p>'
        ),
        heading("About this statement"),
        paragraph(f"<p>We wrote this statement on {EFFECTIVE_DATE}.</p>"),
    ],
}

PAGES = [ABOUT, FIRST_VISIT, FEES, PRIVACY, ACCESSIBILITY]

# The footer's links, as (label, slug of one of the pages above, or "" with an address).
FOOTER_LINKS = [
    ("Contact us", "", "/contact/"),
    ("Fees and insurance", "fees", ""),
    ("Privacy notice", "privacy", ""),
    ("Accessibility", "accessibility", ""),
]
