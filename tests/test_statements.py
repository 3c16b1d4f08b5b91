import pandas as pd

from reelib import statements


def test_years_are_distinct_in_order_and_leave_out_undated_statements():
    rows = pd.DataFrame({"year": pd.array([2014, None, 2011, 2014], dtype="Int64")})
    assert statements.years(rows) == "2011, 2014"
