"""Create the clinic's starting content: settings, the warning signs, the page tree, the
first article and its reviewer (the first practitioner), the team page, and the general
pages (about, first visit, fees, privacy, accessibility) with the footer's links.

Each item is loaded once. If it exists it is left exactly as it is, and once loaded it is the
editors' to change or delete: a second run changes nothing and brings back nothing they
deleted. The words live in `clinic.home.content`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Page, Site

from clinic.base.models import ClinicSettings
from clinic.home.content import (
    back_spasms,
    clinic_settings,
    home,
    locations,
    pages,
    symptoms,
    team,
    treatments,
    warning_signs,
)
from clinic.home.models import HomePage, LoadedContent
from clinic.locations.models import LocationPage, OpeningSpan
from clinic.pages.models import ContentPage
from clinic.people.models import Practitioner, TeamPage
from clinic.safety.models import WarningSign
from education.models import (
    SymptomArticlePage,
    SymptomArticleTreatment,
    SymptomIndexPage,
)
from education.workflows import CLINICAL_REVIEW, assign_clinical_review
from treatments.models import TreatmentIndexPage, TreatmentPage


class Command(BaseCommand):
    help = "Create the clinic's settings and starting pages; anything that exists is skipped."

    def handle(self, *args, **options):
        self.created = self.skipped = 0
        with transaction.atomic():
            self.loaded = set(LoadedContent.objects.values_list("key", flat=True))
            root = Page.get_first_root_node()
            site = self.default_site(root)
            # Before any page is published, so nothing can have made a blank settings row.
            self.load_clinic_settings(site)
            self.load_warning_signs()
            self.home = self.load_home_page(site, root)

            treatment_index = self.load_section(
                TreatmentIndexPage, treatments.TREATMENT_INDEX, "treatments index"
            )
            treatment_pages = {
                data["slug"]: self.load_page(treatment_index, TreatmentPage, data, "treatment page")
                for data in treatments.TREATMENTS
            }
            symptom_index = self.load_section(
                SymptomIndexPage, symptoms.SYMPTOM_INDEX, "symptoms index"
            )
            # Before the practitioner, who works there.
            first_location = self.load_page(
                self.home,
                LocationPage,
                locations.FIRST_LOCATION,
                "location",
                opening_spans=[
                    OpeningSpan(weekday=day, opens=opens, closes=closes)
                    for day, opens, closes in locations.OPENING_SPANS
                ],
            )
            reviewer = self.load_practitioner(
                back_spasms.REVIEWER,
                [treatment_pages[slug] for slug in back_spasms.REVIEWER_TREATMENT_SLUGS],
                [first_location],
            )
            today = timezone.localdate()
            self.load_page(
                symptom_index,
                SymptomArticlePage,
                back_spasms.BACK_SPASMS,
                "symptom article",
                tags=back_spasms.TAGS,
                reviewer=reviewer,
                last_reviewed=today,
                next_review_due=one_year_after(today),
                treatment_links=[
                    SymptomArticleTreatment(treatment=treatment_pages[slug], sort_order=order)
                    for order, slug in enumerate(back_spasms.TREATMENT_SLUGS)
                    if treatment_pages[slug] is not None
                ],
            )
            content_pages = {
                data["slug"]: self.load_page(self.home, ContentPage, data, "content page")
                for data in pages.PAGES
            }
            self.load_page(self.home, TeamPage, team.TEAM_PAGE, "team page")
            self.load_footer(site, content_pages)
        self.stdout.write(self.style.SUCCESS(f"Created {self.created}, skipped {self.skipped}."))

    def load_once(self, key, label, existing, create):
        """`existing` if there is one; else what `create()` makes, unless this item was
        loaded before and an editor has since deleted it (then None)."""
        if existing is not None:
            self.report_skipped(label, "already exists")
        elif key in self.loaded:
            self.report_skipped(label, "deleted since it was loaded; not recreated")
        else:
            existing = create()
            self.report_created(label)
        if key not in self.loaded:
            LoadedContent.objects.create(key=key)
            self.loaded.add(key)
        return existing

    # Site and home page

    def default_site(self, root):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            # Rooted at the tree root until the home page exists; see load_home_page().
            hostname, port = base_url_address()
            site = Site.objects.create(
                hostname=hostname, port=port, root_page=root, is_default_site=True
            )
        elif self.is_welcome_page(site):
            # Wagtail's install page makes way for the home page, which takes its slug.
            welcome = site.root_page
            site.root_page = root
            site.save()
            welcome.delete()
            self.stdout.write(f"Deleted Wagtail's welcome page {welcome.title!r}")
        return site

    def is_welcome_page(self, site):
        """Whether the site shows the plain page a new Wagtail install creates, with nothing
        built under it (so deleting it loses no one's work)."""
        page = site.root_page
        return (
            page.depth == 2
            and page.content_type_id == ContentType.objects.get_for_model(Page).pk
            and page.is_leaf()
            and not Site.objects.filter(root_page=page).exclude(pk=site.pk).exists()
        )

    def load_home_page(self, site, root):
        def create():
            page = HomePage(**home.HOME_PAGE)
            page.slug = find_available_slug(root, page.slug)
            self.publish(root, page)
            return page

        existing = site.root_page.specific
        if not isinstance(existing, HomePage):
            existing = HomePage.objects.order_by("path").first()
        home_page = self.load_once("home", "home page /", existing, create)
        if home_page is None:
            raise CommandError(
                "The home page was deleted after it was loaded; there is nowhere to put the "
                "rest. Add a home page in the admin first."
            )
        if site.root_page_id == root.pk:
            self.point_site_at(site, home_page)
        elif site.root_page_id != home_page.pk:
            self.stdout.write(
                self.style.WARNING(
                    f"The default site shows {site.root_page.title!r}, not the home page; "
                    "left as it is. Change it under Settings › Sites."
                )
            )
        return home_page

    def point_site_at(self, site, home_page):
        """Set up the default site the first time: its address, its name and its root."""
        site.hostname, site.port = base_url_address()
        site.site_name = clinic_settings.CLINIC_NAME
        site.root_page = home_page
        site.save()
        self.stdout.write(f"Set the default site {site.hostname}:{site.port} to the home page")

    # Items

    def load_clinic_settings(self, site):
        defaults = clinic_settings.CLINIC_SETTINGS
        clinic = self.load_once(
            "clinic-settings",
            "clinic settings for the default site",
            ClinicSettings.objects.filter(site=site).first(),
            lambda: ClinicSettings.objects.create(site=site, **defaults),
        )
        # Each setting's default is also loaded once, into a row that has it empty: the row
        # of empty defaults that viewing any page creates, or a setting added since.
        new_keys = {f"clinic-settings:{name}": name for name in defaults}
        new_keys = {key: name for key, name in new_keys.items() if key not in self.loaded}
        blank = {
            name: defaults[name]
            for name in new_keys.values()
            if clinic is not None and not getattr(clinic, name)
        }
        if blank:
            ClinicSettings.objects.filter(pk=clinic.pk).update(**blank)
            self.stdout.write(f"Filled in the empty clinic settings: {', '.join(blank)}")
        for key in new_keys:
            LoadedContent.objects.create(key=key)
            self.loaded.add(key)

    def load_warning_signs(self):
        """The list the form asks about and health pages show, each sign once: after that
        it is the clinicians' to word, reorder or remove."""
        for order, data in enumerate(warning_signs.WARNING_SIGNS):

            def create(data=data, order=order):
                sign = WarningSign.objects.create(sort_order=order, **data)
                sign.save_revision()  # its history starts with the shipped words
                return sign

            self.load_once(
                f"warning-sign:{data['wording']}",
                f"warning sign {data['wording']!r}",
                WarningSign.objects.filter(wording=data["wording"]).first(),
                create,
            )

    def load_footer(self, site, content_pages):
        """The privacy notice the appointment form links to, the first-visit page booking
        emails link to, and the footer's links: each set once, into a setting still empty,
        like the other clinic settings."""
        clinic = ClinicSettings.objects.filter(site=site).first()
        if clinic is None:
            return
        links = [
            ("link", {"label": label, "page": content_pages.get(slug), "address": address})
            for label, slug, address in pages.FOOTER_LINKS
        ]
        defaults = {
            "privacy_page": content_pages.get(pages.PRIVACY["slug"]),
            "first_visit_page": content_pages.get(pages.FIRST_VISIT["slug"]),
            # A link to a page an editor deleted is left out.
            "footer_links": [link for link in links if link[1]["page"] or link[1]["address"]],
        }
        filled = []
        for name, value in defaults.items():
            key = f"clinic-settings:{name}"
            if key in self.loaded:
                continue
            if value and not getattr(clinic, name):
                setattr(clinic, name, value)
                filled.append(name)
            LoadedContent.objects.create(key=key)
            self.loaded.add(key)
        if filled:
            clinic.save()
            self.stdout.write(f"Filled in the empty clinic settings: {', '.join(filled)}")

    def load_practitioner(self, data, treatments, locations):
        """The practitioner, providing `treatments` at `locations` (those not deleted by
        editors)."""

        def create():
            practitioner = Practitioner(**data)
            practitioner.treatments = [treatment for treatment in treatments if treatment]
            practitioner.locations = [location for location in locations if location]
            practitioner.save()
            return practitioner

        # Keyed "reviewer:" as when practitioners were reviewers: one loaded then is not
        # loaded again.
        return self.load_once(
            f"reviewer:{data['name']}",
            f"practitioner {data['name']}",
            Practitioner.objects.filter(name=data["name"]).first(),
            create,
        )

    def load_page(self, parent, model, data, label, tags=(), **fields):
        """The page with the data's slug under `parent`, published from the data (and tagged
        with `tags`) if missing.

        A section that allows one page of its type is found by type, wherever it is, so an
        editor's renamed slug does not produce a second one. Nothing is created under a
        parent that editors deleted (None)."""
        key = f"page:{model._meta.label_lower}:{data['slug']}"
        if parent is None:
            self.report_skipped(f"{label} {data['slug']}", "its section was deleted")
            return None
        if model.max_count == 1:
            existing = model.objects.order_by("path").first()
        else:
            existing = parent.get_children().filter(slug=data["slug"]).specific().first()
        if existing is not None and not isinstance(existing, model):
            raise CommandError(
                f"{existing.url_path} is a {existing.specific_class._meta.verbose_name}, "
                f"not a {model._meta.verbose_name}. Nothing was changed: rename its slug and "
                "run this again."
            )

        def create():
            page = model(**data, **fields)
            if tags:
                # Held on the unsaved page and saved with it; a skipped page gets no new tags.
                page.tags.add(*tags)
            self.publish(parent, page)
            return page

        path = self.site_path(existing) if existing else self.site_path(parent) + data["slug"] + "/"
        return self.load_once(key, f"{label} {path}", existing, create)

    def load_section(self, model, data, label):
        """A health section under the home page, loaded like any page; a new one is handed to
        the clinicians' Clinical review workflow."""
        created_before = self.created
        section = self.load_page(self.home, model, data, label)
        if self.created > created_before:
            if assign_clinical_review(section) is None:
                self.stdout.write(
                    self.style.WARNING(
                        f"No {CLINICAL_REVIEW!r} workflow (run migrate): {label} left without "
                        "clinical review. Assign it under Settings › Workflows."
                    )
                )
            else:
                self.stdout.write(f"Assigned the {CLINICAL_REVIEW!r} workflow to the {label}")
        return section

    def publish(self, parent, page):
        """Add and publish `page` as an editor would, so it has a history in the admin."""
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create")
        page.save_revision().publish()

    # Output

    def site_path(self, page):
        """The page's path on a site rooted at the home page, which is how patients see it."""
        if page.url_path.startswith(self.home.url_path):
            return "/" + page.url_path.removeprefix(self.home.url_path)
        return page.url_path

    def report_created(self, label):
        self.created += 1
        self.stdout.write(self.style.SUCCESS(f"Created {label}"))

    def report_skipped(self, label, reason):
        self.skipped += 1
        self.stdout.write(f"Skipped {label} ({reason})")


def base_url_address():
    """The hostname and port of WAGTAILADMIN_BASE_URL, where the site is served."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "localhost", address.port or default_port


def one_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
