// The default index, for users who search one index all day: $CAPSEARCH_DB or a config file.
#pragma once

#include <string>

#include "capsearch/export.hpp"

namespace capsearch {

/// The config file capsearch reads: $CAPSEARCH_CONFIG if set (it must then be readable), else the
/// first that exists of $XDG_CONFIG_HOME/capsearch/config (XDG_CONFIG_HOME defaults to ~/.config)
/// and ~/.capsearch-config, else "". Lines are `key = value`; `#` starts a comment; blank lines are ignored.
CAPSEARCH_API std::string config_file_path();

/// The index used when none is named (`--db` always wins): $CAPSEARCH_DB if set and not empty, else
/// the config file's `db = PATH` (`~/` and a relative PATH are relative to the home folder), else "". Throws Error(invalid_argument) naming the file and line when the config
/// file has a line that is not `key = value`, or Error(io) when it cannot be read.
CAPSEARCH_API std::string default_db_path();

}  // namespace capsearch
