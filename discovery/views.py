"""The reader's search page, /tim-kiem/?q=…, and the article page's read beacon."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from articles.models import Article
from articles.pages import sections_by_id
from newsroom import pagecache

from . import readership, search

PER_PAGE = 20
MAX_PAGE = 500  # deeper pages are never read; the bound keeps OFFSET a small number
DATE_HELP = "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/11/2026."
# Dates a reader may search between: far enough for any archive, near enough that a
# day added or a time zone applied never leaves what datetime and SQLite can hold.
DATE_RANGE = [
    MinValueValidator(datetime.date(1900, 1, 1), "Chỉ tìm được từ năm 1900 trở đi."),
    MaxValueValidator(datetime.date(2999, 12, 31), "Chỉ tìm được đến năm 2999."),
]


class SearchForm(forms.Form):
    # No max_length: an oversized query is cut by the parser, never refused.
    q = forms.CharField(label="Từ khoá", required=False, strip=True)
    # The sections come from the cache (articles.pages), not a query per search.
    muc = forms.ChoiceField(
        label="Chuyên mục",
        required=False,
        error_messages={"invalid_choice": "Không có chuyên mục này."},
    )
    tu = forms.DateField(
        label="Từ ngày",
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": DATE_HELP},
        validators=DATE_RANGE,
    )
    den = forms.DateField(
        label="Đến ngày",
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": DATE_HELP},
        validators=DATE_RANGE,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.slug: section for section in sections_by_id().values()}
        self.fields["muc"].choices = [
            ("", "Tất cả chuyên mục"),
            *((slug, section.name) for slug, section in self.sections.items()),
        ]

    def clean_muc(self):
        return self.sections.get(self.cleaned_data["muc"])

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("tu"), cleaned.get("den")
        if since and until and since > until:
            self.add_error("den", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        return cleaned

    def value_of(self, name):
        """The cleaned value of a field that passed, else None (a bad filter is left out)."""
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name)


class SearchView(TemplateView):
    template_name = "discovery/search.html"

    def get_context_data(self, **kwargs):
        # Any public article may join or leave the results, and records are searched.
        pagecache.tag(pagecache.ALL_ARTICLES, pagecache.RECORDS)
        form = SearchForm(self.request.GET or None)
        query = search.parse(self.request.GET.get("q", ""))
        context = {"form": form, "query": query, "page_obj": None, "records": None}
        if query:
            form.is_valid()
            found = search.articles(
                query,
                section=form.value_of("muc"),
                since=form.value_of("tu"),
                until=form.value_of("den"),
            )
            page = search.page_of(found, self._page_number(), PER_PAGE)
            context.update(
                page_obj=page,
                results=search.results(page, query),
                records=search.records(query) if page.number == 1 else None,
                page_query=self._page_query(),
            )
        return super().get_context_data(**context, **kwargs)

    def _page_number(self):
        try:
            return min(MAX_PAGE, max(1, int(self.request.GET.get("trang", "1"))))
        except ValueError:
            return 1

    def _page_query(self):
        """The query string of this search without the page, for the pagination links."""
        params = self.request.GET.copy()
        params.pop("trang", None)
        return params.urlencode()


@csrf_exempt
@require_POST
def read(request, pk):
    """The article page's beacon (static/js/read.js): one read of a published article.

    Exempt from CSRF on purpose. CSRF protects what a request does with the visitor's
    credentials; this one acts for nobody and only adds one to a public counter, which
    anyone may do by opening the page. A token would need a cookie on every public page,
    which the pages otherwise never set. Requests a browser marks as coming from another
    site are still not counted (``readership.is_reader``). The read goes to the fast
    counter; the periodic flush writes it to the table (``readership.flush_reads``).
    """
    article = get_object_or_404(Article.objects.published().only("pk"), pk=pk)
    if readership.is_reader(request):
        readership.add_read(article.pk)
    return HttpResponse(status=204)
