// The SQLite backend: one file (or ":memory:"), opened with WAL journaling,
// synchronous=NORMAL, foreign keys enforced and a 5 s busy timeout, so a
// command-line tool and a running gateway can share the file.
//
// Statements are prepared once per SQL text and reused. Failures with an
// SQLITE_CONSTRAINT* code are StoreError{constraint=true}.
#pragma once

#include <memory>
#include <string>

#include "store/connection.h"

namespace bluemeet::store {

// The directory must exist: it is not created here (packaging owns
// permissions). Throws StoreError naming `path` when the file cannot be opened
// or configured.
std::unique_ptr<Connection> open_sqlite_connection(const std::string& path);

}  // namespace bluemeet::store
