from django.contrib.postgres.operations import CreateCollation
from django.db import migrations

# youthpass_site.lib.collation.collation_name(): one ICU collation per language of the site,
# and the root order for any other. On SQLite the same names are registered per connection.


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0011_self_assessment_shared"),
    ]

    operations = [
        CreateCollation("youthpass_und", provider="icu", locale="und"),
        CreateCollation("youthpass_en", provider="icu", locale="en"),
        CreateCollation("youthpass_lv", provider="icu", locale="lv"),
    ]
