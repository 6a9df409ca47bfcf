"""Fixtures of the capsearch Python tests: the program (for agreement checks), indexes of the
repository's two seed records and of the real PFOCR records in ../shared (skipped when absent, unless
CAPSEARCH_REQUIRE_SHARED=1)."""
import os
import pathlib
import shutil
import subprocess

import pytest

import capsearch

SOURCE = pathlib.Path(os.environ.get("CAPSEARCH_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SHARED = pathlib.Path(os.environ.get("CAPSEARCH_SHARED_DIR") or os.environ.get("CAPSEARCH_TEST_SHARED_DIR")
                      or SOURCE.parent / "shared")


@pytest.fixture(scope="session")
def program():
    """The capsearch program of the same build ($CAPSEARCH_BIN)."""
    path = os.environ.get("CAPSEARCH_BIN") or shutil.which("capsearch")
    if not path:
        pytest.fail("CAPSEARCH_BIN is not set and no capsearch on PATH")
    return path


def run_json(program, *args):
    """Runs the program; returns (exit status, the JSON on stdout's last line or None)."""
    import json
    done = subprocess.run([program, *args], capture_output=True, text=True)
    lines = done.stdout.splitlines()
    return done.returncode, (json.loads(lines[-1]) if lines else None)


@pytest.fixture(scope="session")
def lexicon(program, tmp_path_factory):
    """A lexicon file (the curated core, compiled by the program), so indexing needs no default one."""
    path = tmp_path_factory.mktemp("lexicon") / "lexicon.tsv"
    subprocess.run([program, "lexicon", "build", "-o", str(path)], check=True, capture_output=True)
    return str(path)


@pytest.fixture(scope="session")
def seed_records(tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    for f in (SOURCE / "corpus").glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, seed_records, lexicon):
    db = tmp_path_factory.mktemp("seed") / "db"
    report = capsearch.index(db, [seed_records], extensions=[".txt"], lexicon=lexicon)
    assert report.added == 2 and not report.skipped
    return str(db)


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory, lexicon):
    corpus = SHARED / "corpus" / "pfocr"
    if not corpus.is_dir():
        if os.environ.get("CAPSEARCH_REQUIRE_SHARED") == "1":
            pytest.fail(f"../shared is required (CAPSEARCH_REQUIRE_SHARED=1) but not found at {SHARED}")
        pytest.skip(f"no ../shared at {SHARED}")
    db = tmp_path_factory.mktemp("shared") / "db"
    report = capsearch.index(db, [corpus], lexicon=lexicon)
    assert report.documents > 100
    return str(db)
