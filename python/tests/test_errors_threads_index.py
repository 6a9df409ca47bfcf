"""Errors (the capsearch.Error hierarchy), threads sharing one Searcher, and indexing from Python:
index() syncs and reports skipped records, IndexWriter edits records and holds the write lock."""
import os
import shutil
import subprocess
import threading
import warnings

import pytest

import capsearch


def test_error_hierarchy():
    assert issubclass(capsearch.QueryError, capsearch.Error)
    assert issubclass(capsearch.DatabaseLockedError, capsearch.DatabaseError)
    assert issubclass(capsearch.DatabaseError, capsearch.Error)
    assert issubclass(capsearch.InputError, capsearch.Error)
    assert issubclass(capsearch.Error, Exception)


def test_bad_query_and_arguments(seed_index):
    s = capsearch.Searcher(seed_index)
    with pytest.raises(capsearch.QueryError) as caught:
        s.search('"HER2 resistance', strict=True)
    assert caught.value.code == "query"
    lenient = s.search('"HER2 resistance')
    assert lenient.query_note.startswith("query read as '\"HER2 resistance\"'")
    assert lenient.to_dict()["query_note"] == lenient.query_note
    assert s.search("HER2").query_note is None
    with pytest.raises(capsearch.QueryError, match="unknown field 'titel:'; did you mean 'title:'"):
        s.search("titel:HER2")
    for year in ["20x0", "2015..2010", "..", (None, None), 2.5, True]:
        with pytest.raises(capsearch.Error):
            s.search("HER2", year=year)
    with pytest.raises(capsearch.Error):
        s.search("HER2", sort="date")
    with pytest.raises(capsearch.Error):
        s.search("HER2", limit=-1)


def test_missing_index(tmp_path):
    with pytest.raises(capsearch.DatabaseError) as caught:
        capsearch.Searcher(str(tmp_path / "nothing"))
    assert "nothing" in str(caught.value)


def test_input_error_names_file_and_line():
    with pytest.raises(capsearch.InputError) as caught:
        capsearch.parse_record("---\nfigid: [unclosed\n---\n", "bad.md")
    assert caught.value.file == "bad.md" and caught.value.line > 0 and caught.value.reason
    record = capsearch.parse_record("---\nfigid: F1\nfigtitle: A title\nyear: 2001\n---\n", "ok.md")
    assert record.figid == "F1" and record.title == "A title" and record.year == 2001


def test_threads_share_one_searcher(shared_index):
    s = capsearch.Searcher(shared_index)
    queries = ["HER2", "AKT", "apoptosis", "NF-kB", "insulin", "p53", "Wnt", "TNF-alpha"]
    expected = {q: s.search(q, facets=True).to_dict() for q in queries}
    errors = []

    def worker(offset):
        try:
            for i in range(24):
                q = queries[(i + offset) % len(queries)]
                assert s.search(q, facets=True).to_dict() == expected[q]
        except Exception as e:  # noqa: BLE001  (reported below, from the main thread)
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_index_syncs_and_reports(tmp_path, seed_records, lexicon):
    folder = tmp_path / "records"
    folder.mkdir()
    for f in seed_records.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "bad.txt").write_text("---\nfigid: [oops\n---\n")
    db = tmp_path / "db"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = capsearch.index(db, folder, extensions=[".txt"])
    # A new index with no lexicon file at all is announced, as the program does on stderr.
    warned = any("built-in curated core" in str(w.message) for w in caught)
    assert warned == (report.lexicon_source == "builtin")
    assert (report.added, report.documents, len(report.skipped), report.files_found) == (2, 2, 1, 3)
    assert capsearch.index(tmp_path / "db-md", folder).files_found == 0  # .txt files, default .md
    assert report.skipped[0].file.endswith("bad.txt") and report.skipped[0].line > 0
    assert report.to_dict()["added"] == 2
    again = capsearch.index(db, [folder], extensions=[".txt"])
    assert (again.added, again.unchanged, again.lexicon_source) == (0, 2, "index")
    assert capsearch.Searcher(str(db)).search("HER2").total == 2
    updated = capsearch.update_lexicon(db, lexicon)
    # Every figure is analysed again only when the lexicon really is another one.
    assert updated.lexicon_source == "file" and updated.lexicon_changed == (updated.lexicon_id != again.lexicon_id)
    assert updated.updated == (2 if updated.lexicon_changed else 0)
    with pytest.raises(capsearch.Error):
        capsearch.index(db, [tmp_path / "no-such-folder"])


def test_index_shards(tmp_path, seed_records, lexicon):
    # index(shards=N) builds DB/shard-K; the Searcher reads DB whole and stats() lists the shards.
    db = tmp_path / "db"
    report = capsearch.index(db, seed_records, lexicon=lexicon, extensions=[".txt"], shards=2)
    assert (report.added, report.documents) == (2, 2)
    # One lexicon image for the whole index, beside the shard folders.
    assert sorted(p.name for p in db.iterdir()) == [
        "XAPIANDB", f"lexicon-{report.lexicon_id}.img", "shard-0", "shard-1"]
    stats = capsearch.Searcher(str(db)).stats()
    assert [s["path"].split("/")[-2] for s in stats["shards"]] == ["shard-0", "shard-1"]
    assert sum(s["documents"] for s in stats["shards"]) == stats["documents"] == 2
    assert capsearch.Searcher(str(db)).search("HER2").total == 2
    with pytest.raises(capsearch.Error, match="has 2 shards, not 3"):
        capsearch.index(db, seed_records, extensions=[".txt"], shards=3)


def test_index_writer(tmp_path, seed_index, lexicon):
    db = str(tmp_path / "db")
    with capsearch.IndexWriter(db, lexicon) as writer:
        assert writer.put(capsearch.Record("X1", title="HER2 in a test", caption="HER2 drives growth", year=2020,
                                           organisms=["Homo sapiens"])) is False
        assert writer.put(capsearch.Record("X2", title="Wnt signalling")) is False
        assert writer.put(capsearch.Record("X2", title="Wnt signaling, again")) is True
        assert len(writer) == 2
        # The writer holds the lock: another writer fails at once.
        with pytest.raises(capsearch.DatabaseLockedError):
            capsearch.index(db, [seed_index])
    s = capsearch.Searcher(db)
    hits = s.search("HER2").hits
    assert [(h.figid, h.year) for h in hits] == [("X1", 2020)]
    writer = capsearch.IndexWriter(db)
    assert writer.remove("X2") and not writer.remove("nope")
    writer.close()
    with pytest.raises(capsearch.Error):
        writer.put(capsearch.Record("X3"))
    s.reopen()
    assert s.search("Wnt").total == 0


def test_index_writer_close_on_full_disk(tmp_path, lexicon):
    # close() commits and says when that fails: on a 2 MB file system left with 400 KiB, the commit of
    # 50 figures is refused before it writes, and the index keeps its last commit.
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        db = str(mnt / "db")
        with capsearch.IndexWriter(db, lexicon) as writer:
            writer.put(capsearch.Record("KEPT1", title="HER2 kept"))
        free = shutil.disk_usage(mnt).free
        with open(mnt / "filler", "wb") as f:
            f.write(b"\0" * (free - 400 * 1024))
        writer = capsearch.IndexWriter(db)
        for i in range(50):
            writer.put(capsearch.Record(f"NEW{i}", title=f"EGFR signalling figure {i}",
                                        caption="EGF binds EGFR and activates KRAS, BRAF and MAPK1."))
        with pytest.raises(capsearch.Error, match="No space left on device: committing 50 changes"):
            writer.close()
        with pytest.raises(capsearch.Error, match="closed"):
            writer.put(capsearch.Record("X"))
        os.remove(mnt / "filler")
        assert capsearch.Searcher(db).search("").total == 1
        with capsearch.IndexWriter(db) as again:  # The lock was released.
            assert len(again) == 1
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)
