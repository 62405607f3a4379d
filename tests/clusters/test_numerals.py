import pytest

from clusters.numerals import ClusterNumberFormField, parse_cluster_number, parse_roman


@pytest.mark.parametrize(
    ("written", "number"),
    [("5", 5), ("số 5", 5), ("Số 5", 5), ("II", 2), ("số II", 2), ("iv", 4), ("XIV", 14)],
)
def test_cluster_number_reads_arabic_and_roman(written, number):
    assert parse_cluster_number(written) == number


def test_cluster_number_reads_full_cluster_name():
    assert parse_cluster_number("Cụm thi đua số V") == 5


@pytest.mark.parametrize("written", ["", "IIII", "VV", "năm", "số", "2a"])
def test_unreadable_cluster_number_is_none(written):
    assert parse_cluster_number(written) is None


def test_malformed_roman_numeral_is_refused():
    assert parse_roman("IC") is None
    assert parse_roman("XCIX") == 99


def test_form_field_turns_so_ii_into_two():
    assert ClusterNumberFormField().clean("số II") == 2


def test_form_field_explains_an_unreadable_number_in_vietnamese():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Số cụm không hợp lệ"):
        ClusterNumberFormField().clean("số mười")
