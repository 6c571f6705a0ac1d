"""The channel category of each OCOP product set (filled by 0002)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalogue', '0039_volume_shelf_life'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChannelCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Đường dẫn danh mục theo phân loại sản phẩm của Google, các cấp cách nhau bằng “ > ”.', max_length=255, verbose_name='danh mục trên kênh')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('product_set', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='channel_category', to='catalogue.productset', verbose_name='bộ sản phẩm OCOP')),
            ],
            options={
                'verbose_name': 'danh mục trên kênh bưu điện',
                'verbose_name_plural': 'danh mục trên kênh bưu điện',
                'ordering': ['product_set__number'],
                'constraints': [models.CheckConstraint(condition=models.Q(('name', ''), _negated=True), name='channelcategory_name_not_empty')],
            },
        ),
    ]
