"""newsroom.text.html_to_text: the one way HTML becomes the text a reader sees."""

from newsroom.text import html_to_text


def test_html_to_text_gives_one_line_per_block_and_joins_inline_tags():
    value = "<h2>Tiêu đề</h2><p>Đồng chí <b>Hồ Văn</b> Tứ</p><ul><li>một</li><li>hai</li></ul>"
    assert html_to_text(value) == "Tiêu đề\nĐồng chí Hồ Văn Tứ\nmột\nhai"
    assert html_to_text(value, one_line=True) == "Tiêu đề Đồng chí Hồ Văn Tứ một hai"


def test_html_to_text_drops_scripts_styles_and_comments():
    value = "<p>Sapo</p><script>alert(1)</script><style>p{}</style><!-- ghi chú -->"
    assert html_to_text(value) == "Sapo"


def test_html_to_text_decodes_entities_into_text_never_into_tags():
    assert html_to_text("&lt;img src=x onerror=alert(1)&gt; &amp; Hà&nbsp;Tĩnh") == (
        "<img src=x onerror=alert(1)> & Hà Tĩnh"
    )


def test_html_to_text_cleans_like_typed_text():
    assert html_to_text("\ufeffThanh Hoa\u0301\u200b<br>  Ngh\u1ec7   An ") == (
        "Thanh Hoá\nNghệ An"
    )


def test_html_to_text_of_nothing_is_empty():
    assert html_to_text(None) == html_to_text("") == html_to_text("<p> </p>") == ""


def test_html_to_text_separates_table_cells():
    value = "<table><tr><th>Đơn vị</th><td>CA Nghệ An</td></tr></table>"
    assert html_to_text(value) == "Đơn vị CA Nghệ An"


def test_no_other_module_turns_html_into_text():
    """Stripping tags and decoding entities happens in newsroom.text only."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # Decoding an attribute's value, and the importer reading a document's structure,
    # are not HTML-to-text.
    allowed = {
        "newsroom/text.py",
        "photos/references.py",  # an <img alt="…"> value
        "importer/abbreviations.py",  # text nodes kept inside their HTML
        "importer/sources.py",  # the block structure of a pasted document
        # Django's own |striptags for the Jinja2 ports of the admin's templates, which
        # must write what Django's templates write (tests/editorial/test_form_render.py).
        "newsroom/formrender.py",
    }
    pattern = ("strip_tags", "html.unescape", "unescape(", "HTMLParser", "get_text(")
    found = []
    for app in (
        "api",
        "articles",
        "clusters",
        "discovery",
        "editorial",
        "importer",
        "newsroom",
        "photos",
    ):
        for path in (root / app).rglob("*.py"):
            relative = path.relative_to(root).as_posix()
            if relative in allowed or "/migrations/" in relative:
                continue
            source = path.read_text()
            found += [f"{relative}: {word}" for word in pattern if word in source]
    assert not found, "use newsroom.text.html_to_text:\n" + "\n".join(found)
