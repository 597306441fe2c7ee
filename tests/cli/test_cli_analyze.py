"""``evidenceboard analyze`` and ``evidenceboard timeline`` as real processes on the demo
board: the JSON fields the issue names, names matched by title or alias, one-line
errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import assert_one_line_error, run

from evidenceboard.demo import write_demo_board


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.evboard"
    write_demo_board(path)
    return path


def test_centrality_json_and_top(demo_file: Path):
    proc = run("analyze", str(demo_file), "--centrality", "--top", "3", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 3
    assert {"card", "title", "degree", "betweenness", "eigenvector"} <= set(rows[0])
    assert rows[0]["title"] == "Khalifa Haftar"
    assert rows[0]["degree"] >= rows[1]["degree"] >= rows[2]["degree"]
    text = run("analyze", str(demo_file), "--centrality", "--top", "2")
    assert text.returncode == 0 and "Khalifa Haftar" in text.stdout
    assert "betweenness" in text.stdout


def test_path_json_every_hop_quoted(demo_file: Path):
    proc = run("analyze", str(demo_file), "--path", "Khalifa Haftar", "David Barnea",
               "--max-hops", "4", "--json")
    assert proc.returncode == 0, proc.stderr
    paths = json.loads(proc.stdout)["paths"]
    assert paths
    for path in paths:
        assert path[0]["title"] == "Khalifa Haftar" and path[-1]["title"] == "David Barnea"
        assert len(path) % 2 == 1 and len(path) <= 9
        for step in path[1::2]:
            assert {"link", "label", "quotes"} <= set(step)
            assert step["quotes"] and all(q["quote"] and q["source"] for q in step["quotes"])
        for step in path[::2]:
            assert set(step) == {"card", "title"}
    # an alias names the same actor; the plain text lists quotes
    text = run("analyze", str(demo_file), "--path", "Dbeibeh", "Mossad")
    assert text.returncode == 0, text.stderr
    assert "Abdulhamid Dbeibah" in text.stdout and "“" in text.stdout


def test_path_errors_are_one_line(demo_file: Path):
    assert_one_line_error(run("analyze", str(demo_file), "--path", "Nobody", "Mossad"),
                          "no actor", "Nobody")
    assert_one_line_error(run("analyze", str(demo_file), "--path", "Mossad", "Mossad"),
                          "two different actors")
    assert_one_line_error(run("analyze", str(demo_file), "--centrality", "--top", "0"),
                          "--top")
    assert_one_line_error(run("analyze", str(demo_file.with_name("missing.evboard")),
                              "--clusters"))


def test_clusters(demo_file: Path):
    proc = run("analyze", str(demo_file), "--clusters", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["clusters"] and data["modularity"] > 0
    first = data["clusters"][0]
    assert first["size"] == len(first["members"]) and first["name"]
    again = json.loads(run("analyze", str(demo_file), "--clusters", "--json").stdout)
    assert again == data  # seeded: the same every time


def test_timeline(demo_file: Path):
    proc = run("timeline", str(demo_file), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    keys = {"card", "title", "when", "precision", "quote", "source", "published"}
    assert rows and all(keys <= set(r) for r in rows)
    aides = next(r for r in rows if r["title"].startswith("A number of Libyan General"))
    assert aides["when"] == "2021-11-01" and aides["published"] == "2021-11-02"
    assert aides["precision"] == "day"
    landed = next(r for r in rows if r["title"].startswith("Saddam Haftar landed"))
    assert landed["when"].endswith("11-01")
    text = run("timeline", str(demo_file))
    assert text.returncode == 0 and "2021-11-01" in text.stdout
