"""Treatments get an icon for their cards, and bodies get the table block.

The four treatments the clinic's content ships get their own drawings, on the page and in
every revision (so publishing an older draft keeps it); others get the spine."""

import wagtail.fields
from django.db import migrations, models


SHIPPED_ICONS = {
    "joint-manipulation": "joint-manipulation",
    "soft-tissue-manipulation": "soft-tissue",
    "circulation-therapies": "circulation",
    "exercise-therapy": "exercise",
}


def give_shipped_treatments_their_icons(apps, schema_editor):
    TreatmentPage = apps.get_model("treatments", "TreatmentPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="treatments", model="treatmentpage")
    for page in TreatmentPage.objects.filter(slug__in=SHIPPED_ICONS):
        page.icon = SHIPPED_ICONS[page.slug]
        page.save(update_fields=["icon"])
        for revision in Revision.objects.filter(
            content_type__in=content_type, object_id=str(page.pk)
        ):
            revision.content["icon"] = page.icon
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ('treatments', '0003_rich_text_blocks_use_the_default_editor'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='treatmentpage',
            name='icon',
            field=models.CharField(choices=[('joint-manipulation', 'Vertebrae and a turning arrow (joint manipulation)'), ('soft-tissue', 'A hand over a wave (soft tissue work, massage)'), ('circulation', 'A drop with a pulse, heat and cold (circulation)'), ('exercise', 'A figure lifting a bar (exercise)'), ('spine', 'A spine (any other treatment)')], default='spine', help_text="The drawing on the treatment's card.", max_length=40),
        ),
        migrations.AlterField(
            model_name='treatmentpage',
            name='body',
            field=wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('image', 7), ('callout', 11), ('faq', 16), ('steps', 20), ('quote', 22), ('exercise', 31), ('table', 32)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Heading', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Section heading'), ('h3', 'Sub-heading')], 'help_text': 'Use sub-headings only inside a section.'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'icon': 'pilcrow', 'template': 'blocks/paragraph.html'}), 4: ('wagtail.images.blocks.ImageChooserBlock', (), {}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Describe what the image shows for people who cannot see it.', 'label': 'Alt text', 'max_length': 250}), 6: ('wagtail.blocks.CharBlock', (), {'max_length': 250, 'required': False}), 7: ('wagtail.blocks.StructBlock', [[('image', 4), ('alt_text', 5), ('caption', 6)]], {}), 8: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('info', 'Information'), ('tip', 'Tip'), ('warning', 'Warning'), ('urgent', 'Urgent')]}), 9: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 10: ('wagtail.blocks.RichTextBlock', (), {}), 11: ('wagtail.blocks.StructBlock', [[('kind', 8), ('title', 9), ('text', 10)]], {}), 12: ('wagtail.blocks.CharBlock', (), {'default': 'Common questions', 'max_length': 120, 'required': False}), 13: ('wagtail.blocks.CharBlock', (), {'max_length': 250}), 14: ('wagtail.blocks.StructBlock', [[('question', 13), ('answer', 10)]], {}), 15: ('wagtail.blocks.ListBlock', (14,), {'min_num': 1}), 16: ('wagtail.blocks.StructBlock', [[('title', 12), ('questions', 15)]], {}), 17: ('wagtail.blocks.CharBlock', (), {'max_length': 120, 'required': False}), 18: ('wagtail.blocks.TextBlock', (), {'label': 'Step'}), 19: ('wagtail.blocks.ListBlock', (18,), {'min_num': 1}), 20: ('wagtail.blocks.StructBlock', [[('title', 17), ('steps', 19)]], {}), 21: ('wagtail.blocks.TextBlock', (), {}), 22: ('wagtail.blocks.StructBlock', [[('text', 21), ('attribution', 17)]], {}), 23: ('wagtail.blocks.CharBlock', (), {'help_text': "For example: 'Knee-to-chest stretch'.", 'max_length': 120}), 24: ('wagtail.images.blocks.ImageChooserBlock', (), {'required': False}), 25: ('wagtail.blocks.CharBlock', (), {'help_text': 'Needed with an image: describe the position it shows.', 'label': 'Alt text', 'max_length': 250, 'required': False}), 26: ('wagtail.blocks.IntegerBlock', (), {'max_value': 10, 'min_value': 1, 'required': False}), 27: ('wagtail.blocks.IntegerBlock', (), {'help_text': 'Per set.', 'label': 'Repetitions', 'max_value': 50, 'min_value': 1, 'required': False}), 28: ('wagtail.blocks.IntegerBlock', (), {'help_text': 'How long to hold the position; each repetition, if there are any.', 'label': 'Hold (seconds)', 'max_value': 300, 'min_value': 1, 'required': False}), 29: ('wagtail.blocks.CharBlock', (), {'help_text': "For example: 'Twice a day'.", 'label': 'How often', 'max_length': 120}), 30: ('wagtail.blocks.TextBlock', (), {'default': 'Stop if the pain increases, and tell your clinician.', 'help_text': 'When to stop. Keep the advice to stop if the pain increases.', 'max_length': 300}), 31: ('wagtail.blocks.StructBlock', [[('name', 23), ('image', 24), ('alt_text', 25), ('steps', 19), ('sets', 26), ('reps', 27), ('hold_seconds', 28), ('frequency', 29), ('safety_note', 30)]], {}), 32: ('wagtail.contrib.table_block.blocks.TableBlock', (), {'help_text': 'A table with a header row, e.g. fees. Keep it to a few columns.', 'template': 'blocks/table.html'})}),
        ),
        migrations.RunPython(give_shipped_treatments_their_icons, migrations.RunPython.noop),
    ]
