# ParticipantImport moves to the dashboard app; its table and rows stay where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("participants", "0006_participant_import"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ParticipantImport")],
        ),
    ]
