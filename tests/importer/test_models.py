import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from importer.models import Abbreviation, StyleRule

pytestmark = pytest.mark.django_db


def test_a_typo_rule_repeated_with_another_tone_placement_is_a_form_error():
    StyleRule.objects.create(wrong="Thanh Hoá sai", right="Thanh Hoá đúng")
    duplicate = StyleRule(wrong="thanh hóa sai", right="x")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_abbreviation_context_is_tidied():
    entry = Abbreviation.objects.create(
        letters=" TTX ", expansion="Thông tấn xã", context="Bộ , ,đồng chí"
    )
    assert entry.letters == "TTX"
    assert entry.context == "Bộ, đồng chí"
    assert entry.context_words == ["Bộ", "đồng chí"]
    assert str(entry) == "TTX – Thông tấn xã"


@pytest.mark.parametrize("model", ["abbreviation", "stylerule"])
def test_the_admin_lists_and_adds_in_vietnamese(admin_client, model):
    response = admin_client.get(reverse(f"admin:importer_{model}_changelist"))
    assert response.status_code == 200
    response = admin_client.get(reverse(f"admin:importer_{model}_add"))
    assert response.status_code == 200
    assert "Nhập bài" in response.text
