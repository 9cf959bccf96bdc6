# ParticipantImport and ScheduledReminder, moved here from participants and projects: the
# tables and their rows stay as they were; only Django's record of the models moves.

import django.db.models.deletion
import django.utils.timezone
import youthpass_site.lib.codes
from django.conf import settings
from django.db import migrations, models


MOVED = {"participantimport": "participants", "scheduledreminder": "projects"}


def _relabel(apps, model, old_label, new_label):
    # Permissions and admin log entries point at the content type: relabel it rather than
    # leave it behind and make a new one.
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new_label, model=model).exists():
        ContentType.objects.filter(app_label=old_label, model=model).update(app_label=new_label)


def move_content_types(apps, schema_editor):
    for model, app in MOVED.items():
        _relabel(apps, model, app, "dashboard")


def move_content_types_back(apps, schema_editor):
    for model, app in MOVED.items():
        _relabel(apps, model, "dashboard", app)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('jobs', '0001_jobs'),
        ('projects', '0006_scheduledreminder_to_dashboard'),
        ('participants', '0007_participantimport_to_dashboard'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ParticipantImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(default=youthpass_site.lib.codes.new_url_code, editable=False, max_length=12, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                        ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('columns', models.JSONField(default=dict, verbose_name='columns')),
                        ('rows', models.JSONField(default=list, verbose_name='rows')),
                        ('warnings', models.JSONField(default=list, verbose_name='warnings')),
                        ('row_count', models.PositiveIntegerField(default=0, verbose_name='number of rows')),
                        ('valid_count', models.PositiveIntegerField(default=0, verbose_name='valid rows')),
                        ('imported_at', models.DateTimeField(blank=True, null=True, verbose_name='imported')),
                        ('imported_count', models.PositiveIntegerField(default=0, verbose_name='participants added')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                        ('imported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='imported by')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='imports', to='projects.project', verbose_name='project')),
                    ],
                    options={
                        'verbose_name': 'participant import',
                        'verbose_name_plural': 'participant imports',
                        'db_table': 'participants_participantimport',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ScheduledReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('deadline', models.DateField(verbose_name='deadline')),
                        ('days_before', models.PositiveSmallIntegerField(verbose_name='days before the deadline')),
                        ('recipients', models.PositiveIntegerField(default=0, verbose_name='recipients')),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='dealt with')),
                        ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='jobs.job', verbose_name='background task')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scheduled_reminders', to='projects.project', verbose_name='project')),
                    ],
                    options={
                        'verbose_name': 'scheduled reminder',
                        'verbose_name_plural': 'scheduled reminders',
                        'db_table': 'projects_scheduledreminder',
                        'ordering': ['-sent_at', '-pk'],
                        'constraints': [models.UniqueConstraint(fields=('project', 'deadline', 'days_before'), name='one_reminder_per_day_before')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
