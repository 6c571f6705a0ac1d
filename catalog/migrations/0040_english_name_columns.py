"""English names for the product groups, the product sets and the categories that mirror them (filled by 0041)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0039_volume_shelf_life'),
    ]

    operations = [
        migrations.AddField(
            model_name='category',
            name='name_en',
            field=models.CharField(blank=True, max_length=255, verbose_name='tên tiếng Anh'),
        ),
        migrations.AddField(
            model_name='productgroup',
            name='name_en',
            field=models.CharField(default='', max_length=200, verbose_name='tên tiếng Anh'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='productset',
            name='name_en',
            field=models.CharField(default='', max_length=300, verbose_name='tên tiếng Anh'),
            preserve_default=False,
        ),
    ]
