"""StreamField blocks shared by every page type that has a body."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

EXERCISE_SAFETY_NOTE = "Stop if the pain increases, and tell your clinician."


def heading_anchor(text):
    """The id of a body heading, for a long page's contents list to link to."""
    return f"section-{slugify(text)}"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        # Page titles are the only h1; body headings start one level below.
        help_text=_("Use sub-headings only inside a section."),
        # The level is not words on the page: out of search and of the reading level.
        search_index=False,
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = _("A section heading")
        preview_value = {"text": "What causes a back spasm?", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alt text"),
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"
        description = _("An image with a text alternative and an optional caption")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("tip", _("Tip")),
            ("warning", _("Warning")),
            ("urgent", _("Urgent")),
        ],
        default="info",
    )
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock()

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        description = _("A highlighted box: information, a tip, a warning or urgent advice")
        preview_value = {
            "kind": "tip",
            "title": "Keep moving gently",
            "text": "<p>Short, easy walks usually help more than bed rest.</p>",
        }


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock()


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, default="Common questions")
    questions = blocks.ListBlock(QuestionAnswerBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "blocks/faq.html"
        description = _("Questions patients ask, with their answers")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps.html"
        description = _("Numbered steps to follow in order")
        preview_value = {
            "title": "A gentle knee-to-chest stretch",
            "steps": ["Lie on your back.", "Draw one knee to your chest.", "Hold, then swap."],
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        description = _("A quotation, with who said it")


class ExerciseValue(blocks.StructValue):
    def dose(self):
        """The dose in words, e.g. '2 sets of 10 repetitions, holding each for 5 seconds'."""
        sets, reps, hold = self.get("sets"), self.get("reps"), self.get("hold_seconds")
        if reps:
            dose = ngettext("%(reps)d repetition", "%(reps)d repetitions", reps) % {"reps": reps}
            if sets:
                dose = ngettext("%(sets)d set of %(dose)s", "%(sets)d sets of %(dose)s", sets) % {
                    "sets": sets,
                    "dose": dose,
                }
            if hold:
                dose += ngettext(
                    ", holding each for %(hold)d second",
                    ", holding each for %(hold)d seconds",
                    hold,
                ) % {"hold": hold}
            return dose
        if hold:
            dose = ngettext("Hold for %(hold)d second", "Hold for %(hold)d seconds", hold) % {
                "hold": hold
            }
            if sets and sets > 1:
                dose += ngettext(", %(sets)d time", ", %(sets)d times", sets) % {"sets": sets}
            return dose
        return ""


class ExerciseBlock(blocks.StructBlock):
    """One exercise of a home programme, written so that a patient can do it alone from a
    printout."""

    name = blocks.CharBlock(max_length=120, help_text=_("For example: 'Knee-to-chest stretch'."))
    image = ImageChooserBlock(required=False)
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Alt text"),
        help_text=_("Needed with an image: describe the position it shows."),
    )
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), min_num=1)
    sets = blocks.IntegerBlock(required=False, min_value=1, max_value=10)
    reps = blocks.IntegerBlock(
        required=False, min_value=1, max_value=50, label=_("Repetitions"), help_text=_("Per set.")
    )
    hold_seconds = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=300,
        label=_("Hold (seconds)"),
        help_text=_("How long to hold the position; each repetition, if there are any."),
    )
    frequency = blocks.CharBlock(
        max_length=120, label=_("How often"), help_text=_("For example: 'Twice a day'.")
    )
    safety_note = blocks.TextBlock(
        max_length=300,
        default=EXERCISE_SAFETY_NOTE,
        help_text=_("When to stop. Keep the advice to stop if the pain increases."),
    )

    class Meta:
        icon = "user"
        template = "blocks/exercise.html"
        value_class = ExerciseValue
        description = _(
            "A home exercise: steps, how much and how often, and when to stop. Pages with "
            "exercises print as a home programme."
        )
        preview_value = {
            "name": "Knee-to-chest stretch",
            "steps": [
                "Lie on your back with both knees bent and your feet flat.",
                "Hold behind one knee and draw it gently towards your chest.",
                "Hold, breathing slowly, then lower it and swap legs.",
            ],
            "reps": 3,
            "hold_seconds": 20,
            "frequency": "Twice a day",
            "safety_note": EXERCISE_SAFETY_NOTE,
        }

    def clean(self, value):
        value = super().clean(value)
        block_errors, non_block_errors = {}, []
        if value.get("image") and not value.get("alt_text", "").strip():
            block_errors["alt_text"] = ValidationError(
                _("Describe the image for people who cannot see it.")
            )
        if not (value.get("reps") or value.get("hold_seconds")):
            non_block_errors.append(
                ValidationError(
                    _("Say how much to do: repetitions (with or without sets) or a hold time.")
                )
            )
        if block_errors or non_block_errors:
            raise blocks.StructBlockValidationError(
                block_errors=block_errors, non_block_errors=non_block_errors
            )
        return value


class LinkValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("address")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to any address, with the words to show."""

    label = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    address = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=_("Instead of a page: an address such as /contact/ or https://example.org/."),
    )

    class Meta:
        icon = "link"
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        address = value.get("address", "")
        if bool(value.get("page")) == bool(address):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or type an address."))}
            )
        if address and not address.startswith(("/", "https://", "http://", "mailto:")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "address": ValidationError(
                        _("Start the address with /, https://, http:// or mailto:.")
                    )
                }
            )
        return value


class ClinicStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(icon="pilcrow", template="blocks/paragraph.html")
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    faq = FaqBlock()
    steps = StepsBlock()
    quote = QuoteBlock()
    exercise = ExerciseBlock()
    table = TableBlock(
        template="blocks/table.html",
        help_text=_("A table with a header row, e.g. fees. Keep it to a few columns."),
    )
