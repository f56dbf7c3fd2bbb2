"""StreamField blocks shared by every page type that has a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        # Page titles are the only h1; body headings start one level below.
        help_text=_("Use sub-headings only inside a section."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = _("A section heading")
        preview_value = {"text": "What causes a back spasm?", "level": "h2"}


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
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

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
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


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


class ClinicStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"],
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    faq = FaqBlock()
    steps = StepsBlock()
    quote = QuoteBlock()
