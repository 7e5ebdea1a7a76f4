"""A small contest whose every number is worked out by hand (see test_pipeline.py)."""

from pathlib import Path

import pytest

from tests.helpers import run

CONFIG = """
[contest]
name = "작은 경진대회"

[[criteria]]
key = "creativity"
name = "창의성"
max = 40

[[criteria]]
key = "utility"
name = "효용성"
max = 30

[[criteria]]
key = "impact"
name = "파급력"
max = 30

[[rounds]]
key = "written"
name = "서면심사"
aggregate = "mean"
advance = 3

[[rounds]]
key = "final"
name = "대면심사"
aggregate = "zscore"

[final]
expert_weight = 0.6
vote_weight = 0.4
vote_method = "proportional_to_max"
decimals = 2
tie_break = ["expert", "votes", "written", "creativity"]

[[awards]]
name = "최우수"
count = 1

[[awards]]
name = "우수"
count = 2
"""

CASES = """case_id,title,organization,category,summary,body
C1,무인민원발급기 다국어 안내,서울특별시 종로구,디지털,요약1,본문1
C2,찾아가는 복지상담 버스,서울특별시 중구,복지,요약2,본문2
C3,공공자전거 고장 신고 간소화,서울특별시 교통정책과,교통,요약3,본문3
C4,민원서류 한 번에 떼기,서울특별시 용산구,행정,요약4,본문4
C5,어르신 키오스크 교실,서울특별시 성동구,복지,요약5,본문5
"""

# J3 works for 성동구, the organisation of C5: excluded from C5 automatically.
JUDGES = """judge_id,name,affiliation,written,final
J1,김민수,서울대학교 행정대학원,A,F
J2,이영희,한국행정연구원,A,F
J3,박철수, 서울특별시  성동구 ,A,F
"""

WRITTEN = """judge_id,case_id,creativity,utility,impact,comment
J1,C1,30,20,20,
J2,C1,32,24,24,
J3,C1,36,27,27,우수함
J1,C2,28,21,21,
J2,C2,28,21,21,
J3,C2,28,21,21,
J1,C3,28,21,21,
J2,C3,28,21,21,
J3,C3,28,21,21,
J1,C4,30,25,25,
J2,C4,20,15,15,
J3,C4,20,20,20,
J1,C5,34,28,28,
J2,C5,30,20,20,
"""

FINAL = """judge_id,case_id,creativity,utility,impact
J1,C1,36,27,27
J1,C2,26,22,22
J1,C3,36,27,27
J1,C5,30,20,20
J2,C1,36,27,27
J2,C2,36,27,27
J2,C3,30,20,20
J2,C5,30,20,20
J3,C1,32,24,24
J3,C2,32,24,24
J3,C3,32,24,24
"""

VOTES = """case_id,votes
C1,100
C2,300
C3,300
C5,600
C4,"1,500"
"""


@pytest.fixture
def files(tmp_path: Path, contest_db: Path) -> dict[str, Path]:
    """The tables in ``tmp_path``; ``db``: the contest, not created yet (a file or a server's
    database: every test that uses this runs on both back ends)."""
    texts = {
        "config": ("contest.toml", CONFIG),
        "cases": ("cases.csv", CASES),
        "judges": ("judges.csv", JUDGES),
        "written": ("written.csv", WRITTEN),
        "final": ("final.csv", FINAL),
        "votes": ("votes.csv", VOTES),
    }
    paths = {}
    for key, (name, text) in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths[key] = path
    paths["db"] = contest_db
    return paths


@pytest.fixture
def ready(files: dict[str, Path]) -> dict[str, Path]:
    """The contest with cases and judges imported, no scores yet."""
    db = files["db"]
    assert run("init", db, "--config", files["config"]) == 0
    assert run("import-cases", db, files["cases"]) == 0
    assert run("import-judges", db, files["judges"]) == 0
    return files
