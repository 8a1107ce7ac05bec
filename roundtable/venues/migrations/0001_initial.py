# Venue (from the processes app) and VenueRole (from the stakeholders app) move here, tables
# unchanged (Meta.db_table): this migration only tells Django's state about them. The
# processes and stakeholders apps then point their foreign keys here and forget their old
# models (processes 0004, stakeholders 0004), again without touching the database.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_types(apps, schema_editor):
    # Permissions and admin log entries follow the model to its new app (none on a fresh database).
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for app_label, model in [("processes", "venue"), ("stakeholders", "venuerole")]:
        if not content_type.objects.using(db).filter(app_label="venues", model=model).exists():
            content_type.objects.using(db).filter(app_label=app_label, model=model).update(
                app_label="venues"
            )


def restore_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for app_label, model in [("processes", "venue"), ("stakeholders", "venuerole")]:
        if not content_type.objects.using(db).filter(app_label=app_label, model=model).exists():
            content_type.objects.using(db).filter(app_label="venues", model=model).update(
                app_label=app_label
            )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('processes', '0003_description_language'),
        ('stakeholders', '0003_organisation_focal_points_affiliations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Venue',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(unique=True)),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('description_language', models.CharField(blank=True, max_length=10, verbose_name='language of the description')),
                        ('default_modality', models.CharField(max_length=100, verbose_name='default modality')),
                        ('automatic_accreditation', models.JSONField(default=list, verbose_name='automatic accreditation')),
                    ],
                    options={
                        'verbose_name': 'venue',
                        'verbose_name_plural': 'venues',
                        'db_table': 'processes_venue',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='VenueRole',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.SlugField(verbose_name='role')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='venue_roles', to=settings.AUTH_USER_MODEL)),
                        ('venue', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='venues.venue')),
                    ],
                    options={
                        'verbose_name': 'venue role',
                        'verbose_name_plural': 'venue roles',
                        'db_table': 'stakeholders_venuerole',
                        'constraints': [models.UniqueConstraint(fields=('user', 'venue', 'role'), name='venue_role_unique')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
