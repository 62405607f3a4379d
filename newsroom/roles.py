"""The newsroom's roles (Django groups) and their permissions, defined once.

Migrations call ``sync_roles``; each app that adds models adds a migration that
calls it again, so a role's permissions always match this table.
"""

REPORTER = "Phóng viên"
EDITOR = "Biên tập viên"
RECORDS = "Quản lý hồ sơ"

_VIEW = ["view"]
_ALL = ["add", "change", "delete", "view"]


def _perms(app_label, model, actions):
    return [(app_label, f"{action}_{model}") for action in actions]


RECORD_MODELS = [
    "unit",
    "unitalias",
    "succession",
    "emulationblock",
    "cluster",
    "clusteryear",
    "membership",
    "movement",
    "movementyear",
    "event",
    "participant",
    "official",
    "rank",
    "rankassignment",
    "positiontitle",
    "position",
    "award",
]

ROLE_PERMISSIONS = {
    REPORTER: [
        *_perms("articles", "article", ["add", "change", "view"]),
        *_perms("articles", "authorship", _ALL),
        # Pen names: added from the byline row of the article form, or by an import.
        *_perms("articles", "author", ["add", "view"]),
        *_perms("articles", "section", _VIEW),
        *_perms("articles", "tag", ["add", "view"]),
        *_perms("photos", "photo", ["add", "change", "view"]),
        *[perm for model in RECORD_MODELS for perm in _perms("clusters", model, _VIEW)],
        # The list of their imports, where the "Nhập bài" page is linked.
        *_perms("importer", "import", _VIEW),
    ],
    EDITOR: [
        *_perms("articles", "article", _ALL),
        ("articles", "publish_article"),
        *_perms("articles", "authorship", _ALL),
        *_perms("articles", "author", _ALL),
        *_perms("articles", "section", _ALL),
        *_perms("articles", "tag", _ALL),
        *_perms("photos", "photo", _ALL),
        ("photos", "clear_photo"),
        *_perms("articles", "correction", _ALL),
        *_perms("editorial", "previewlink", _ALL),
        *_perms("newsroom", "auditentry", _VIEW),
        *[perm for model in RECORD_MODELS for perm in _perms("clusters", model, _VIEW)],
        *_perms("newsroom", "publisher", ["change", "view"]),
        *_perms("importer", "abbreviation", _ALL),
        *_perms("importer", "stylerule", _ALL),
        *_perms("importer", "import", _VIEW),
        *_perms("importer", "recordrequest", _VIEW),
    ],
    RECORDS: [
        *[perm for model in RECORD_MODELS for perm in _perms("clusters", model, _ALL)],
        *_perms("articles", "article", _VIEW),
        # Portraits are library photos: choosing one means seeing the library.
        *_perms("photos", "photo", _VIEW),
        *_perms("importer", "recordrequest", ["change", "view"]),
    ],
}


def staff_may(user, perm):
    """An active newsroom account (staff) holding the permission: every server-side check."""
    return user.is_active and user.is_staff and user.has_perm(perm)


def sync_roles(apps, schema_editor=None):
    """Create the groups and give each exactly the permissions that exist so far."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after migrate finishes; make them now so a
    # fresh database gets complete groups in one ``migrate``.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            perm
            for perm in Permission.objects.filter(
                content_type__app_label__in={app for app, _ in wanted}
            ).select_related("content_type")
            if (perm.content_type.app_label, perm.codename) in set(wanted)
        ]
        group.permissions.set(perms)
