"""Articles name their reviewer among the practitioners (people.0002 copied each reviewer
there with the same id, so the column's values stay valid; the foreign key is recreated)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0008_table_block"),
        ("people", "0002_practitioners_from_reviewers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="symptomarticlepage",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="articles",
                to="people.practitioner",
                verbose_name="clinical reviewer",
            ),
        ),
    ]
