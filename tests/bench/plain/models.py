from django.db import models

from . import TABLE


class PlainArticle(models.Model):
    title = models.CharField("tiêu đề", max_length=300)
    lead = models.TextField("sapo", blank=True)
    body = models.TextField("nội dung", blank=True)
    status = models.CharField("trạng thái", max_length=20)
    published_at = models.DateTimeField("ngày đăng", null=True, blank=True)

    class Meta:
        managed = False
        db_table = TABLE
        verbose_name = "bài đối chứng"
        verbose_name_plural = "bài đối chứng"

    def __str__(self):
        return self.title
