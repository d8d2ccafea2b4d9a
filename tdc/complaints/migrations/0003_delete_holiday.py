from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_copy_holidays_to_core")]

    operations = [migrations.DeleteModel(name="Holiday")]
