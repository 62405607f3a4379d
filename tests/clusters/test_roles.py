import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from newsroom import roles

pytestmark = pytest.mark.django_db


def test_record_models_in_the_roles_table_are_exactly_the_clusters_models():
    models = {model._meta.model_name for model in apps.get_app_config("clusters").get_models()}
    assert set(roles.RECORD_MODELS) == models


@pytest.mark.parametrize("model", roles.RECORD_MODELS)
def test_records_group_may_change_every_record_and_others_only_view(model):
    def codenames(name):
        group = Group.objects.get(name=name)
        return set(
            group.permissions.filter(content_type__app_label="clusters").values_list(
                "codename", flat=True
            )
        )

    assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= codenames(
        roles.RECORDS
    )
    for name in (roles.REPORTER, roles.EDITOR):
        assert f"view_{model}" in codenames(name)
        assert f"change_{model}" not in codenames(name)
