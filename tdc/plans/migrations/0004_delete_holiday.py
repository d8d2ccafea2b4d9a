from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_copy_holidays_to_core")]

    operations = [migrations.DeleteModel(name="Holiday")]
