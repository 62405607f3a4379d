"""The records admin's forms as a browser posts them, inlines included."""


def membership_post(cluster, year, rows, slogan="", initial=None):
    """The cluster-year change form as the browser posts it, memberships inline."""
    initial = initial or []
    data = {
        "cluster": cluster.pk,
        "year": year,
        "slogan": slogan,
        "note": "",
        "memberships-TOTAL_FORMS": len(rows),
        "memberships-INITIAL_FORMS": len(initial),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for index, (unit, role) in enumerate(rows):
        data[f"memberships-{index}-unit"] = unit.pk if unit else ""
        data[f"memberships-{index}-role"] = role
        if index < len(initial):
            data[f"memberships-{index}-id"] = initial[index].pk
            data[f"memberships-{index}-cluster_year"] = initial[index].cluster_year_id
    return data


def unit_post(name, valid_from, valid_to="", aliases=()):
    data = {
        "name": name,
        "short_name": "",
        "kind": "provincial",
        "parent": "",
        "locality": "",
        "valid_from": valid_from,
        "valid_to": valid_to,
        "aliases-TOTAL_FORMS": len(aliases),
        "aliases-INITIAL_FORMS": 0,
        "aliases-MIN_NUM_FORMS": 0,
        "aliases-MAX_NUM_FORMS": 1000,
        "successor_links-TOTAL_FORMS": 0,
        "successor_links-INITIAL_FORMS": 0,
        "successor_links-MIN_NUM_FORMS": 0,
        "successor_links-MAX_NUM_FORMS": 1000,
    }
    for index, alias in enumerate(aliases):
        data[f"aliases-{index}-name"] = alias
    return data


def official_post(full_name, **extra):
    data = {
        "full_name": full_name,
        "family_name": "",
        "middle_name": "",
        "given_name": "",
        "disclosure": "public",
        "note": "",
    }
    for prefix in ("rank_assignments", "positions"):
        data |= {
            f"{prefix}-TOTAL_FORMS": 0,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    return data | extra
