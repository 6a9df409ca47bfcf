"""Remote shards from Python: Searcher(path, timeout=..., allow_partial=...) over two xapian-tcpsrv
servers on 127.0.0.1, one of them stopped. (A stub line naming a missing local folder is no stand-in:
it is refused as a missing index, never left out, so these tests need a real server.)"""
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

import capsearch

HER2_NO_YEAR = "PMC3835685__nihms524354f1"  # corpus/004_...: the shard that stays up.


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), 0.5).close()
        return True
    except OSError:
        return False


class _Server:
    """xapian-tcpsrv serving `db` on a free port of 127.0.0.1, in a session of its own (on SIGTERM it
    kills its process group: its forked children)."""

    def __init__(self, db):
        for _ in range(10):
            self.port = _free_port()
            self.process = subprocess.Popen(
                ["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", str(self.port), db],
                start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(200):
                if self.process.poll() is not None:
                    break  # The port was taken meanwhile: try another.
                if _answers(self.port):
                    return
                time.sleep(0.05)
            self.stop()
        raise RuntimeError("xapian-tcpsrv did not start")

    @property
    def name(self):
        return f"127.0.0.1:{self.port}"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait()


@pytest.fixture()
def shards(tmp_path, seed_records, lexicon):
    """Two remote shards of one seed record each and the stub naming them: (stub, shard 1's folder,
    shard 2's server)."""
    if not shutil.which("xapian-tcpsrv"):
        pytest.skip("xapian-tcpsrv not installed (apt-get install xapian-tools)")
    dbs = []
    for name, record in (("s1", "004_63a7e1b5dc9271c3.txt"), ("s2", "000_43706fd92f3d35c3.txt")):
        db = tmp_path / name
        capsearch.index(db, [seed_records / record], lexicon=lexicon)
        dbs.append(str(db))
    servers = [_Server(db) for db in dbs]
    stub = tmp_path / "stub"
    stub.write_text("".join(f"remote {s.name}\n" for s in servers))
    yield str(stub), dbs[0], servers[1]
    for s in servers:
        s.stop()


def test_whole_answers_are_not_partial(shards):
    stub, _, _ = shards
    result = capsearch.Searcher(stub, timeout=5).search("")
    assert result.total == 2
    assert result.partial is False and result.missing == []
    assert "partial" not in result.to_dict()


def test_a_shard_down_is_an_error_naming_it(shards):
    stub, _, down = shards
    down.stop()
    with pytest.raises(capsearch.DatabaseError) as info:
        capsearch.Searcher(stub, timeout=2)
    assert down.name in str(info.value) and "--allow-partial" in str(info.value)


def test_allow_partial_answers_from_the_rest_and_names_the_shard(shards):
    stub, alone_db, down = shards
    searcher = capsearch.Searcher(stub, allow_partial=True)  # Opened while both are up.
    assert searcher.search("").total == 2
    down.stop()
    alone = capsearch.Searcher(alone_db)

    result = searcher.search("")
    assert result.partial is True and result.missing == [down.name]
    assert result.total == alone.search("").total == 1
    assert result.to_dict()["partial"] is True and result.to_dict()["missing"] == [down.name]

    enriched = searcher.enrich(["HER2", "EGFR"])
    assert enriched.partial is True and enriched.missing == [down.name]
    assert enriched.to_tsv() == alone.enrich(["HER2", "EGFR"]).to_tsv()
    assert enriched.to_dict()["missing"] == [down.name]

    like = searcher.similar(HER2_NO_YEAR)
    assert like.partial is True and like.missing == [down.name]

    sets = searcher.gene_sets()
    assert isinstance(sets, capsearch.GeneSets) and isinstance(sets, list)
    assert sets.partial is True and sets.missing == [down.name]
    assert capsearch.to_gmt(sets) == capsearch.to_gmt(alone.gene_sets())
    assert alone.gene_sets().partial is False

    stats = searcher.stats()
    assert stats["partial"] is True and stats["missing"] == [down.name]
    assert stats["documents"] == alone.stats()["documents"] == 1


def test_a_list_of_shards_takes_the_options_too(shards):
    stub, _, down = shards
    down.stop()
    result = capsearch.Searcher([stub], timeout=2, allow_partial=True).search("")
    assert result.partial and result.missing == [down.name] and result.total == 1


@pytest.mark.parametrize("bad", [0, -1, 86401])
def test_a_timeout_out_of_range_is_an_error(seed_index, bad):
    with pytest.raises(capsearch.Error, match="timeout"):
        capsearch.Searcher(seed_index, timeout=bad)


def test_options_are_keyword_only(seed_index):
    with pytest.raises(TypeError):
        capsearch.Searcher(seed_index, 5)
    with pytest.raises(TypeError):
        capsearch.Searcher(seed_index, timeout="soon")
    assert capsearch.Searcher(seed_index, timeout=0.5, allow_partial=True).search("").partial is False
