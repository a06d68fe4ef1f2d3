"""The national frameworks a province's administrative-reform index follows (Bộ Nội vụ's decisions).

A province sets its own criteria by its own decision, after the Ministry of Home Affairs' framework
for the provincial index of the year: the methodology page names it, as the legal basis.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Framework:
    number: str
    date: datetime.date
    first_year: int
    last_year: int | None


# From ../shared/domain.md: 876/QĐ-BNV (10/11/2022), then 892/QĐ-BNV (05/12/2024), then 1187/QĐ-BNV (15/10/2025).
PAR_FRAMEWORKS = [
    Framework("876/QĐ-BNV", datetime.date(2022, 11, 10), 2022, 2023),
    Framework("892/QĐ-BNV", datetime.date(2024, 12, 5), 2024, 2024),
    Framework("1187/QĐ-BNV", datetime.date(2025, 10, 15), 2025, None),
]


def framework_for(index_code, year):
    """The national framework of the year's PAR index, or None (other indexes, earlier years)."""
    if index_code != "cchc":
        return None
    for framework in PAR_FRAMEWORKS:
        if framework.first_year <= year and (framework.last_year is None or year <= framework.last_year):
            return framework
    return None
