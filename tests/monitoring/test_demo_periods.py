import datetime

import pytest

from monitoring.demo import end_of_next_month


@pytest.mark.parametrize(
    ("quarter_end", "deadline"),
    [
        (datetime.date(2026, 3, 31), datetime.date(2026, 4, 30)),
        (datetime.date(2026, 6, 30), datetime.date(2026, 7, 31)),
        (datetime.date(2026, 9, 30), datetime.date(2026, 10, 31)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 1, 31)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
    ],
)
def test_the_demo_deadline_is_the_last_day_of_the_next_month(quarter_end, deadline):
    assert end_of_next_month(quarter_end) == deadline
