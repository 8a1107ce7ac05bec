# Venue moved to the venues app with its table (venues 0001): the process's foreign key points
# there, and this app forgets its old model. State only: the database is unchanged.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('processes', '0003_description_language'),
        ('venues', '0001_initial'),
        # The stakeholders' foreign keys leave processes.Venue before it is forgotten.
        ('stakeholders', '0004_venue_moves_to_venues'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='process',
                    name='venue',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='processes', to='venues.venue'),
                ),
                migrations.DeleteModel(name='Venue'),
            ],
            database_operations=[],
        ),
    ]
