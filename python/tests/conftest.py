"""Shared test helpers: where the repository, its fixtures and the CLI binary are."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"


def cli_binary() -> Optional[str]:
    """The `neardup` CLI: $NEARDUP_BIN, else a cargo build of this repository, else PATH."""
    given = os.environ.get("NEARDUP_BIN")
    if given:
        return given
    for profile in ("release", "debug"):
        built = ROOT / "target" / profile / "neardup"
        if built.exists():
            return str(built)
    return shutil.which("neardup")


@pytest.fixture(scope="session")
def cli() -> str:
    binary = cli_binary()
    if binary is None:
        pytest.fail("no neardup CLI: run `cargo build` or set NEARDUP_BIN")
    return binary


def cli_report(binary: str, path: Path, *options: str) -> Dict[str, Any]:
    """The JSON report of `neardup scan` on a file, with every member of every group
    (`--min-verdict distinct`: by default the report leaves out members below `rewrite`)."""
    out = subprocess.run(
        [binary, "scan", "--format", "json", "--exit-zero", "--min-verdict", "distinct",
         *options, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def cli_groups(binary: str, path: Path, *options: str) -> List[Dict[str, Any]]:
    """The groups of :func:`cli_report`."""
    return cli_report(binary, path, *options)["groups"]


def comparable(groups: List[Dict[str, Any]]) -> List[Any]:
    """Groups as (representative line and title, members' lines, titles, verdicts, scores
    rounded as the CLI's JSON rounds them), independent of the source name."""
    return [
        (
            g["representative"]["location"]["line"],
            g["representative"]["title"],
            [
                (m["location"]["line"], m["title"], m["verdict"], round(m["score"], 4))
                for m in g["members"]
            ],
        )
        for g in groups
    ]
