# Venue and VenueRole moved to the venues app with their tables (venues 0001): the foreign keys
# point there, and this app forgets VenueRole. State only: the database is unchanged.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stakeholders', '0003_organisation_focal_points_affiliations'),
        ('venues', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='venuecategory',
                    name='venue',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='categories', to='venues.venue'),
                ),
                migrations.AlterField(
                    model_name='delegation',
                    name='venue',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='delegations', to='venues.venue'),
                ),
                migrations.AlterField(
                    model_name='accreditation',
                    name='venue',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='accreditations', to='venues.venue'),
                ),
                migrations.AlterField(
                    model_name='organisationstatus',
                    name='venue',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organisation_statuses', to='venues.venue'),
                ),
                migrations.AlterField(
                    model_name='focalpoint',
                    name='venue',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='focal_points', to='venues.venue'),
                ),
                migrations.AlterField(
                    model_name='affiliation',
                    name='venue',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='affiliations', to='venues.venue'),
                ),
                migrations.DeleteModel(name='VenueRole'),
            ],
            database_operations=[],
        ),
    ]
