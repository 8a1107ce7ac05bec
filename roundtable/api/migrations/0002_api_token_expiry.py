from datetime import timedelta

from django.conf import settings
from django.db import migrations, models


def set_expiry(apps, schema_editor):  # type: ignore[no-untyped-def]
    ApiToken = apps.get_model("api", "ApiToken")
    days = timedelta(days=settings.ROUNDTABLE_API_TOKEN_DEFAULT_DAYS)
    for token in ApiToken.objects.filter(expires_at__isnull=True):
        token.expires_at = token.created_at + days
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(set_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
    ]
