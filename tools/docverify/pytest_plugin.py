"""pytest plugin: collects docverify's doc-drift checks as test items (`pytest --docverify`)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docverify", "docverify: documentation drift checks")
    group.addoption("--docverify", action="store_true", default=False,
                    help="collect the pages of ./mkdocs.yml (or the given docs folder) as tests")
