import django_countries.fields
from django.db import migrations, models

import youthpass_site.lib.countries
from youthpass_site.lib.collation import search_text


def fill_search_keys(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    participants = list(Participant.objects.only("first_name", "last_name", "email"))
    for participant in participants:
        participant.search_key = search_text(
            f"{participant.first_name} {participant.last_name} {participant.email}"
        )
    Participant.objects.bulk_update(participants, ["search_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0012_name_collations"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="search_key",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=True),
        # The list of countries is sorted in Python; the column stays as it is.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="participant",
                    name="country",
                    field=django_countries.fields.CountryField(
                        blank=True,
                        countries=youthpass_site.lib.countries.Countries,
                        max_length=2,
                        verbose_name="country of residence",
                    ),
                ),
            ]
        ),
    ]
