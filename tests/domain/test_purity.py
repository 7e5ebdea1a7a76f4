"""The domain is pure: importing it pulls in no Qt, no SQL and no spreadsheet library."""

import subprocess
import sys


def test_importing_the_domain_loads_no_qt_sql_or_spreadsheet_library():
    code = (
        "import sys, judging_app.domain.config, judging_app.domain.scoring, "
        "judging_app.domain.ranking, judging_app.domain.stats;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'sqlalchemy', 'openpyxl', 'xlsxwriter', 'alembic')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
