import datetime

import pytest

from tests.clusters import factories as f

D = datetime.date


@pytest.fixture
def officer_client(client, records_officer):
    client.force_login(records_officer)
    return client


@pytest.fixture
def six_units():
    names = [
        "Công an tỉnh Thanh Hóa",
        "Công an tỉnh Nghệ An",
        "Công an tỉnh Hà Tĩnh",
        "Công an tỉnh Quảng Bình",
        "Công an tỉnh Quảng Trị",
    ]
    units = [f.UnitFactory(name=name, valid_from=D(1991, 9, 1)) for name in names]
    units.append(
        f.UnitFactory(
            name="Công an tỉnh Thừa Thiên Huế", valid_from=D(1989, 7, 1), valid_to=D(2025, 1, 1)
        )
    )
    return units
