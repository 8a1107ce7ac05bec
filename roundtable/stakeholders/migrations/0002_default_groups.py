from django.db import migrations

# The default taxonomy; the slugs are the modalities engine's groups (modalities/model.py GROUPS).
DEFAULT_GROUPS = [
    ("government", "Government"),
    ("private-sector", "Private sector"),
    ("civil-society", "Civil society"),
    ("technical-community", "Technical community"),
    ("intergovernmental", "Intergovernmental organisation"),
    ("academia", "Academia"),
]


def create_groups(apps, schema_editor):
    StakeholderGroup = apps.get_model("stakeholders", "StakeholderGroup")
    for position, (slug, name) in enumerate(DEFAULT_GROUPS):
        StakeholderGroup.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
