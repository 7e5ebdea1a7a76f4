"""Shared test settings: Qt runs offscreen; messages are rendered in English unless a test asks."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def english_messages():
    from judging_app.domain.messages import set_language

    set_language("en")
    yield
    set_language("en")
