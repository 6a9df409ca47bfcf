// Record, index(), update_lexicon() and IndexWriter. The GIL is released while records are analysed
// and written; an IndexWriter can be closed explicitly (or used as a context manager) so that its
// write lock is released at a known moment rather than at garbage collection.
#include "capsearch/index.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "capsearch/error.hpp"
#include "capsearch/lexicon.hpp"
#include "capsearch/record.hpp"

namespace py = pybind11;

namespace capsearch::python {

namespace {

// An IndexWriter that close() ends (committing and releasing the lock) before the object dies. Unlike
// the destructor, close() says when the commit fails (a full disk); the changes are dropped then.
class Writer {
  public:
    Writer(const std::string& db, const std::string& lexicon) : writer_(std::in_place, db, lexicon) {}
    IndexWriter& get() {
        if (!writer_) throw Error(ErrorCode::invalid_argument, "the IndexWriter is closed");
        return *writer_;
    }
    void close() {
        if (!writer_) return;
        try {
            writer_->commit();
        } catch (...) {
            writer_.reset();
            throw;
        }
        writer_.reset();
    }

  private:
    std::optional<IndexWriter> writer_;
};

IndexOptions make_options(const std::string& lexicon, bool rebuild, bool delete_missing,
                          std::size_t batch_size, unsigned threads,
                          const std::optional<std::vector<std::string>>& extensions) {
    IndexOptions o;
    o.lexicon_path = lexicon;
    o.rebuild = rebuild;
    o.delete_missing = delete_missing;
    o.batch_size = batch_size;
    o.threads = threads;
    if (extensions) o.extensions = *extensions;
    return o;
}

}  // namespace

void bind_index(py::module_& m) {
    py::class_<Record>(m, "Record", "One PFOCR figure record, for IndexWriter.put().")
        .def(py::init([](std::string figid, std::string title, std::string caption, std::string papertitle,
                         std::string pmcid, std::optional<int> year, std::vector<std::string> organisms,
                         std::vector<std::string> keywords, std::vector<std::string> genes,
                         std::string figlink) {
                 Record r;
                 r.figid = std::move(figid);
                 r.title = std::move(title);
                 r.caption = std::move(caption);
                 r.papertitle = std::move(papertitle);
                 r.pmcid = std::move(pmcid);
                 r.year = year;
                 r.organisms = std::move(organisms);
                 r.keywords = std::move(keywords);
                 r.genes = std::move(genes);
                 r.figlink = std::move(figlink);
                 return r;
             }),
             py::arg("figid"), py::arg("title") = "", py::arg("caption") = "", py::arg("papertitle") = "",
             py::arg("pmcid") = "", py::arg("year") = py::none(),
             py::arg("organisms") = std::vector<std::string>{},
             py::arg("keywords") = std::vector<std::string>{}, py::arg("genes") = std::vector<std::string>{},
             py::arg("figlink") = "")
        .def_readwrite("figid", &Record::figid)
        .def_readwrite("title", &Record::title)
        .def_readwrite("caption", &Record::caption)
        .def_readwrite("papertitle", &Record::papertitle)
        .def_readwrite("pmcid", &Record::pmcid)
        .def_readwrite("reftext", &Record::reftext)
        .def_readwrite("doi", &Record::doi)
        .def_readwrite("journal", &Record::journal)
        .def_readwrite("figlink", &Record::figlink)
        .def_readwrite("filename", &Record::filename)
        .def_readwrite("year", &Record::year)
        .def_readwrite("organisms", &Record::organisms)
        .def_readwrite("organisms_ner", &Record::organisms_ner)
        .def_readwrite("keywords", &Record::keywords)
        .def_readwrite("genes", &Record::genes)
        .def_readwrite("gene_words", &Record::gene_words)
        .def_readwrite("source_path", &Record::source_path)
        .def("__repr__", [](const Record& r) { return "<Record " + r.figid + ">"; });

    m.def("parse_record", &parse_record, py::arg("text"), py::arg("path") = "<string>",
          "Parses the text of a PFOCR Markdown record; raises InputError naming path and line.");
    m.def("read_record_file", &read_record_file, py::arg("path"), py::call_guard<py::gil_scoped_release>(),
          "Reads and parses one record file; raises InputError naming the file and line.");

    py::class_<SkippedRecord>(m, "SkippedRecord", "A record that was not indexed, and why.")
        .def_readonly("file", &SkippedRecord::file)
        .def_readonly("line", &SkippedRecord::line, "0 when unknown.")
        .def_readonly("reason", &SkippedRecord::reason)
        .def("__repr__", [](const SkippedRecord& s) {
            return "<SkippedRecord " + s.file + ":" + std::to_string(s.line) + ": " + s.reason + ">";
        });

    py::class_<IndexReport>(m, "IndexReport", "What an indexing run did.")
        .def_readonly("added", &IndexReport::added)
        .def_readonly("updated", &IndexReport::updated)
        .def_readonly("deleted", &IndexReport::deleted)
        .def_readonly("unchanged", &IndexReport::unchanged)
        .def_readonly("files_found", &IndexReport::files_found,
                      "Record files the run found; 0 means the paths hold none.")
        .def_readonly("skipped", &IndexReport::skipped, "List of SkippedRecord.")
        .def_readonly("seconds", &IndexReport::seconds)
        .def_readonly("rebuilt", &IndexReport::rebuilt)
        .def_readonly("documents", &IndexReport::documents, "Figures in the index afterwards.")
        .def_readonly("lexicon_changed", &IndexReport::lexicon_changed)
        .def_readonly("lexicon_id", &IndexReport::lexicon_id)
        .def_readonly("lexicon_source", &IndexReport::lexicon_source, "\"index\", \"file\" or \"builtin\".")
        .def("to_json", &IndexReport::to_json, "The report as `capsearch index --format json` prints it.")
        .def("__repr__", [](const IndexReport& r) {
            return "<IndexReport added=" + std::to_string(r.added) + " updated=" + std::to_string(r.updated) +
                   " deleted=" + std::to_string(r.deleted) + " skipped=" + std::to_string(r.skipped.size()) +
                   " documents=" + std::to_string(r.documents) + ">";
        });

    m.def(
        "_index",
        [](const std::string& db, const std::vector<std::string>& paths, const std::string& lexicon,
           bool rebuild, bool delete_missing, std::size_t batch_size, unsigned threads,
           const std::optional<std::vector<std::string>>& extensions, unsigned shards) {
            IndexOptions o = make_options(lexicon, rebuild, delete_missing, batch_size, threads, extensions);
            o.shards = shards;
            py::gil_scoped_release unlocked;
            return index_paths(db, paths, o);
        },
        py::arg("db"), py::arg("paths"), py::arg("lexicon"), py::arg("rebuild"), py::arg("delete_missing"),
        py::arg("batch_size"), py::arg("threads"), py::arg("extensions"), py::arg("shards") = 0u);
    m.def(
        "_update_lexicon",
        [](const std::string& db, const std::string& lexicon, unsigned threads) {
            IndexOptions o;
            o.threads = threads;
            py::gil_scoped_release unlocked;
            return update_lexicon(db, lexicon, o);
        },
        py::arg("db"), py::arg("lexicon"), py::arg("threads"));

    m.def("default_lexicon_path", &default_lexicon_path,
          "The lexicon file a new index is built with when none is named ($CAPSEARCH_LEXICON, else the one "
          "installed with capsearch), or \"\" for the built-in curated core.");
    m.def("_set_fallback_lexicon_path", &set_fallback_lexicon_path, py::arg("path"));

    py::class_<Writer>(m, "IndexWriter",
                       "Record-level editing of an index; holds its write lock until close(). Use it as a "
                       "context manager: `with capsearch.IndexWriter(db) as w: w.put(record)`.")
        .def(py::init<const std::string&, const std::string&>(), py::arg("db"), py::arg("lexicon") = "",
             py::call_guard<py::gil_scoped_release>())
        .def(
            "put", [](Writer& w, const Record& r) { return w.get().put(r); }, py::arg("record"),
            py::call_guard<py::gil_scoped_release>(),
            "Adds the record, replacing the figure with the same figid; True when it replaced one.")
        .def(
            "remove", [](Writer& w, const std::string& figid) { return w.get().remove(figid); },
            py::arg("figid"), py::call_guard<py::gil_scoped_release>(),
            "Deletes the figure; False when there was none.")
        .def(
            "commit", [](Writer& w) { w.get().commit(); }, py::call_guard<py::gil_scoped_release>(),
            "Makes the changes visible to searchers.")
        .def("close", &Writer::close, py::call_guard<py::gil_scoped_release>(),
             "Commits what is pending and releases the write lock. Raises (capsearch.Error) when the "
             "commit fails, e.g. on a full disk; the uncommitted changes are dropped then.")
        .def("__len__", [](Writer& w) { return w.get().size(); })
        .def(
            "__enter__", [](Writer& w) -> Writer& { return w; }, py::return_value_policy::reference)
        .def("__exit__", [](Writer& w, py::args) { w.close(); });
}

}  // namespace capsearch::python
