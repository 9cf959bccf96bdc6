# ScheduledReminder moves to the dashboard app; its table and rows stay where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0005_scheduled_reminder"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name="scheduledreminder",
                    name="one_reminder_per_day_before",
                ),
                migrations.DeleteModel(name="ScheduledReminder"),
            ],
        ),
    ]
