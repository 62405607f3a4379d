import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsroom import roles


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = "Văn An"
    last_name = "Nguyễn"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.vn")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


def reporter(**kwargs):
    return UserFactory(role=roles.REPORTER, **kwargs)


def editor(**kwargs):
    return UserFactory(role=roles.EDITOR, **kwargs)


def records_officer(**kwargs):
    return UserFactory(role=roles.RECORDS, **kwargs)
