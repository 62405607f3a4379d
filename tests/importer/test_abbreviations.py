import pytest

from importer.abbreviations import GlossaryEntry, annotate, load_glossary

GLOSSARY = [
    GlossaryEntry("ANTT", "an ninh trật tự"),
    GlossaryEntry("CBCS", "cán bộ, chiến sĩ"),
    GlossaryEntry("TP", "thành phố"),
    GlossaryEntry("TP", "Trưởng phòng", ("phòng", "Tham mưu", "đồng chí")),
    GlossaryEntry("CT", "Chỉ thị", ("số",)),
    GlossaryEntry("CT", "Cục trưởng", ("Cục", "đồng chí")),
]


def test_only_the_first_use_is_explained():
    html = "<p>Bảo đảm ANTT.</p><p>Giữ vững ANTT và CBCS.</p>"
    assert annotate(html, GLOSSARY) == (
        '<p>Bảo đảm <abbr title="an ninh trật tự">ANTT</abbr>.</p>'
        '<p>Giữ vững ANTT và <abbr title="cán bộ, chiến sĩ">CBCS</abbr>.</p>'
    )


def test_whole_words_in_capitals_only():
    html = "<p>ANTTQ, antt, Antt, 05-CT/TW, XANTT</p>"
    assert annotate(html, GLOSSARY) == html


def test_never_inside_tags_attributes_links_or_existing_abbreviations():
    html = (
        '<p><a href="/tim-kiem/?q=ANTT" title="ANTT">về ANTT</a> '
        '<abbr title="khác">CBCS</abbr> <img alt="ANTT" src="/a.png"> rồi ANTT</p>'
    )
    assert annotate(html, GLOSSARY) == (
        '<p><a href="/tim-kiem/?q=ANTT" title="ANTT">về ANTT</a> '
        '<abbr title="khác">CBCS</abbr> <img alt="ANTT" src="/a.png"> rồi '
        '<abbr title="an ninh trật tự">ANTT</abbr></p>'
    )


def test_the_meaning_follows_the_words_around_each_use():
    html = "<p>Trên địa bàn TP Vinh.</p><p>Theo đồng chí TP Tham mưu, năm qua có nhiều kết quả.</p>"
    assert annotate(html, GLOSSARY) == (
        '<p>Trên địa bàn <abbr title="thành phố">TP</abbr> Vinh.</p>'
        '<p>Theo đồng chí <abbr title="Trưởng phòng">TP</abbr> Tham mưu, năm qua có nhiều '
        "kết quả.</p>"
    )


def test_letters_with_no_default_meaning_are_left_alone_without_context():
    assert annotate("<p>Ký CT mới.</p>", GLOSSARY) == "<p>Ký CT mới.</p>"
    assert 'title="Chỉ thị"' in annotate("<p>Theo CT số 05.</p>", GLOSSARY)
    assert 'title="Cục trưởng"' in annotate("<p>Đồng chí CT Cục Cảnh sát.</p>", GLOSSARY)


def test_a_single_meaning_needs_no_context():
    assert annotate("<p>Giữ ANTT.</p>", GLOSSARY).count("<abbr") == 1


def test_the_expansion_is_escaped():
    html = annotate("<p>XYZ</p>", [GlossaryEntry("XYZ", 'a "b" <c>')])
    assert html == '<p><abbr title="a &quot;b&quot; &lt;c&gt;">XYZ</abbr></p>'


def test_entities_in_text_are_kept():
    html = "<p>ANTT &amp; CBCS &lt;3</p>"
    assert annotate(html, GLOSSARY) == (
        '<p><abbr title="an ninh trật tự">ANTT</abbr> &amp; '
        '<abbr title="cán bộ, chiến sĩ">CBCS</abbr> &lt;3</p>'
    )


def test_nothing_to_do():
    assert annotate("", GLOSSARY) == ""
    assert annotate("<p>ANTT</p>", []) == "<p>ANTT</p>"


@pytest.mark.django_db
def test_the_seeded_glossary(django_assert_num_queries):
    with django_assert_num_queries(1):
        glossary = load_glossary()
    letters = {entry.letters for entry in glossary}
    expected = {"ANTT", "ANTQ", "XDLL", "CBCS", "CCHC", "PGĐ", "GĐ", "CAND", "PCCC", "BCA"}
    assert expected | {"CSGT", "TTATGT"} <= letters
    html = annotate("<p>Công tác XDLL, PGĐ và GĐ.</p>", glossary)
    assert '<abbr title="xây dựng lực lượng">XDLL</abbr>' in html
    assert '<abbr title="Phó Giám đốc">PGĐ</abbr>' in html
    assert '<abbr title="Giám đốc">GĐ</abbr>' in html
