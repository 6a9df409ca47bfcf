// capsearch.Error and subclasses mirroring capsearch::Error's hierarchy; every C++ exception the
// library throws reaches Python as one of them (InputError also carries file, line and reason).
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "capsearch/error.hpp"

namespace py = pybind11;

namespace capsearch::python {

namespace {

// Created once at import; the module keeps them alive.
PyObject* g_error = nullptr;
PyObject* g_query = nullptr;
PyObject* g_database = nullptr;
PyObject* g_locked = nullptr;
PyObject* g_input = nullptr;

PyObject* new_error(py::module_& m, const char* name, PyObject* base, const char* doc) {
    const std::string qualified = std::string("capsearch.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
    if (type == nullptr) throw py::error_already_set();
    m.add_object(name, py::reinterpret_borrow<py::object>(type));
    return type;
}

const char* code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument:
            return "invalid_argument";
        case ErrorCode::query:
            return "query";
        case ErrorCode::database_not_found:
            return "database_not_found";
        case ErrorCode::database_locked:
            return "database_locked";
        case ErrorCode::database:
            return "database";
        case ErrorCode::io:
            return "io";
        case ErrorCode::lexicon:
            return "lexicon";
        case ErrorCode::input:
            return "input";
        case ErrorCode::internal:
            return "internal";
    }
    return "internal";
}

// Raises `type(message)` with a `code` attribute (and InputError's location).
void raise(PyObject* type, const Error& e) {
    py::object error = py::reinterpret_borrow<py::object>(type)(e.what());
    error.attr("code") = code_name(e.code());
    if (const auto* input = dynamic_cast<const InputError*>(&e)) {
        error.attr("file") = input->file();
        error.attr("line") = input->line();
        error.attr("reason") = input->reason();
    }
    PyErr_SetObject(type, error.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
    g_error = new_error(m, "Error", PyExc_Exception,
                        "Base of every capsearch error; `code` names its kind (query, database, io, ...).");
    g_query = new_error(m, "QueryError", g_error, "The query text is malformed.");
    g_database = new_error(m, "DatabaseError", g_error, "The index cannot be opened, read or written.");
    g_locked = new_error(m, "DatabaseLockedError", g_database, "Another process is updating the index.");
    g_input =
        new_error(m, "InputError", g_error,
                  "A record is unreadable or malformed; `file`, `line` (0 = unknown) and `reason` say why.");
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const DatabaseLockedError& e) {
            raise(g_locked, e);
        } catch (const DatabaseError& e) {
            raise(g_database, e);
        } catch (const QueryError& e) {
            raise(g_query, e);
        } catch (const InputError& e) {
            raise(g_input, e);
        } catch (const Error& e) {
            raise(g_error, e);
        }
    });
}

}  // namespace capsearch::python
