"""Changing the rules after the contest exists: what may change, and what scores forbid."""

import dataclasses
import tomllib
from decimal import Decimal

import pytest

from judging_app.domain.config import parse_config
from judging_app.domain.messages import UserError
from judging_app.services.contest import Contest
from judging_app.services.demo import write_demo_contest
from judging_app.services.setup import config_toml
from tests.helpers import dump


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return write_demo_contest(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def contest(contest_db, demo_files):
    contest = Contest.create(contest_db, demo_files.config)
    yield contest
    contest.close()


def test_the_written_toml_reads_back_as_the_same_config(demo_files):
    config = parse_config(demo_files.config.read_text(encoding="utf-8"))
    text = config_toml(config)
    tomllib.loads(text)
    assert parse_config(text) == config


def test_names_weights_and_awards_change_and_are_audited(contest):
    config = contest.config()
    new = dataclasses.replace(
        config,
        name="새 이름",
        criteria=(dataclasses.replace(config.criteria[0], name="독창성"), *config.criteria[1:]),
        final=dataclasses.replace(
            config.final, expert_weight=Decimal("0.7"), vote_weight=Decimal("0.3")
        ),
    )
    assert contest.update_config(new) == ("contest.name", "criteria[0].name", "final")
    assert contest.config() == new
    assert contest.audit_log()[-1].action == "config"
    before = dump(contest.path)
    assert contest.update_config(new) == ()  # nothing changed: nothing written
    assert dump(contest.path) == before


def test_what_scores_and_closed_rounds_rely_on_is_refused(contest, demo_files):
    contest.import_cases(demo_files.cases_xlsx)
    contest.import_judges(demo_files.judges_xlsx)
    contest.import_score_tables([demo_files.scores_written_xlsx], "written")
    config = contest.config()
    before = dump(contest.path)
    changed_max = dataclasses.replace(
        config,
        criteria=(
            dataclasses.replace(config.criteria[0], max=Decimal(50)),
            *config.criteria[1:],
        ),
    )
    with pytest.raises(UserError, match=r"criteria\[0\].*creativity"):
        contest.update_config(changed_max)
    contest.advance("written")
    before = dump(contest.path)
    fewer = dataclasses.replace(
        config, rounds=(dataclasses.replace(config.rounds[0], advance=10), *config.rounds[1:])
    )
    with pytest.raises(UserError, match=r"rounds\[0\].*written"):
        contest.update_config(fewer)
    renamed = dataclasses.replace(
        config, rounds=(dataclasses.replace(config.rounds[0], key="paper"), *config.rounds[1:])
    )
    with pytest.raises(UserError, match="keys"):
        contest.update_config(renamed)
    assert dump(contest.path) == before
