"""Hostile HTML typed or pasted into the title, lead and body never runs for anyone."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.factories import AuthorFactory, SectionFactory
from tests.articles.steps import step

pytestmark = pytest.mark.django_db

# Each payload names itself XSS<n>; a page is unsafe if that name reaches a place
# a browser would execute it.
PAYLOADS = [
    "<script>alert('XSS1')</script>",
    "<img src=x onerror=alert('XSS2')>",
    "<a href=\"javascript:alert('XSS3')\">bấm</a>",
    "<a href=\"JaVaScRiPt:alert('XSS4')\">bấm</a>",
    "<a href=\"&#106;avascript:alert('XSS5')\">bấm</a>",
    "<a href=\"jav&#x09;ascript:alert('XSS6')\">bấm</a>",
    "<svg onload=alert('XSS7')><script>alert('XSS7')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('XSS8')\"><text>x</text></a></svg>",
    "<iframe src=\"javascript:alert('XSS9')\"></iframe>",
    "<p style=\"background:url(javascript:alert('XSS10'))\">x</p>",
    "<<script>alert('XSS11');//<</script>",
    '<img src="x" / onerror="alert(\'XSS12\')"',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">XSS13</a>',
    "%3Cscript%3Ealert('XSS14')%3C/script%3E",
    "&lt;script&gt;alert('XSS15')&lt;/script&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS16')>",
    "<object data=\"javascript:alert('XSS17')\"></object>",
    "<body onload=alert('XSS18')>",
    "<div onmouseover=\"alert('XSS19')\">x</div>",
    "\"><script>alert('XSS20')</script>",
    "<a href=\"  javascript:alert('XSS21')\">bấm</a>",
    "<form action=\"javascript:alert('XSS22')\"><button>x</button></form>",
    '<img src="/media/a.jpg" alt="x&quot; onerror=&quot;alert(\'XSS23\')">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'XSS24\')">',
    "<base href=\"javascript:alert('XSS25')//\">",
    "<template><script>alert('XSS26')</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS27')>\"></noscript>",
    "<!--<script>alert('XSS28')</script>-->",
    "<scr<script>ipt>alert('XSS29')</scr</script>ipt>",
    "<a href=\"vbscript:msgbox('XSS30')\">bấm</a>",
    "<embed src=\"data:image/svg+xml,<svg onload=alert('XSS31')>\">",
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="XSS32">',
    "<IMG SRC=javascript:alert('XSS33')>",
    "<img src=`x` onerror=alert('XSS34')>",
    "\u003cscript\u003ealert('XSS35')\u003c/script\u003e",
]
CORPUS = "\n".join(PAYLOADS)
EXECUTABLE_SCHEMES = ("javascript:", "vbscript:", "data:")
FOREIGN_ELEMENTS = {"svg", "math", "iframe", "object", "embed", "base", "template", "noscript"}


class ExecutionFinder(HTMLParser):
    """Collects every place in a page where a payload could run."""

    def __init__(self, public):
        super().__init__(convert_charrefs=True)
        self.public = public
        self.problems = []
        self.raw_text_tag = None

    def handle_starttag(self, tag, attrs):
        if self.public and tag in FOREIGN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            squashed = "".join(value.split()).lower()
            if name.startswith("on") and "XSS" in value:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "data", "formaction", "xlink:href"} and (
                squashed.startswith(EXECUTABLE_SCHEMES)
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "XSS" in value:
                self.problems.append(f"<{tag} style={value!r}>")
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            # A data block never runs; it must only keep markup out (json_script escaping).
            self.raw_text_tag = "json-ld"
        elif tag in {"script", "style"} and not dict(attrs).get("src"):
            self.raw_text_tag = tag

    def handle_endtag(self, tag):
        if tag == self.raw_text_tag or (tag == "script" and self.raw_text_tag == "json-ld"):
            self.raw_text_tag = None

    def handle_data(self, data):
        if self.raw_text_tag == "json-ld":
            if "<" in data:
                self.problems.append("markup inside a JSON-LD block")
            return
        if self.raw_text_tag and "XSS" in data:
            self.problems.append(f"payload inside <{self.raw_text_tag}>")


def execution_points(html, public):
    finder = ExecutionFinder(public)
    finder.feed(html)
    finder.close()
    return finder.problems


@pytest.fixture
def hostile_article(client, editor):
    client.force_login(editor)
    data = {
        "title": "Tiêu đề <script>alert('XSS0')</script>",
        "slug": "",
        "section": SectionFactory().pk,
        "lead": f"Sapo {CORPUS}",
        "body": f"<p>Nội dung hợp lệ <strong>đậm</strong>.</p>{CORPUS}",
        "source": "<img src=x onerror=alert('XSS99')>",
        "expires_at_0": "",
        "expires_at_1": "",
        "authorships-TOTAL_FORMS": "1",
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "0",
        "authorships-MAX_NUM_FORMS": "1000",
        "authorships-0-author": AuthorFactory(name="Trọng Tuấn").pk,
        "authorships-0-role": "",
        "authorships-0-position": "1",
    }
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302
    article = Article.objects.get()
    step("publish", article, editor)
    return article


def test_corpus_is_sanitised_before_it_is_stored(hostile_article):
    body = hostile_article.body.lower()
    for fragment in ("<script", "onerror", "onload", "javascript:", "<svg", "<iframe", "style="):
        assert fragment not in body
    assert "<strong>đậm</strong>" in hostile_article.body
    # The lead keeps no markup: payload tags are gone, entity-encoded ones are now just text.
    assert "<img" not in hostile_article.lead
    assert "<script>alert('XSS15')</script>" in hostile_article.lead


def test_corpus_does_not_run_on_the_public_article_page(client, hostile_article):
    html = client.get(hostile_article.get_absolute_url()).content.decode()
    assert execution_points(html, public=True) == []
    assert "<strong>đậm</strong>" in html
    # The lead is plain text: its tags show as text, escaped.
    assert "&lt;script&gt;alert(&#x27;XSS15&#x27;)&lt;/script&gt;" in html


@pytest.mark.parametrize("url", ["/", "section", "admin_change", "admin_list"])
def test_corpus_does_not_run_on_lists_or_in_the_admin(url, client, hostile_article):
    urls = {
        "section": hostile_article.section.get_absolute_url(),
        "admin_change": reverse("admin:articles_article_change", args=[hostile_article.pk]),
        "admin_list": "/admin/articles/article/",
    }
    html = client.get(urls.get(url, url)).content.decode()
    assert "XSS" in html or url == "/"
    assert execution_points(html, public=not url.startswith("admin")) == []


def test_the_finder_catches_what_it_looks_for():
    # A check that cannot fail proves nothing: the unsanitised corpus is caught.
    problems = " ".join(execution_points(CORPUS, public=True))
    for caught in ("<script>", "onerror", "JaVaScRiPt:", "<svg>", "<iframe>", "style=", "data:"):
        assert caught in problems
