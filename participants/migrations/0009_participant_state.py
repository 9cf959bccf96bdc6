# One word for a record's state across the models: Participant.status becomes state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("participants", "0008_erased_at"),
    ]

    operations = [
        migrations.RenameField(model_name="participant", old_name="status", new_name="state"),
    ]
