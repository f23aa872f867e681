// Decides which backend a database URL names, and makes URLs safe to print.
// Pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>

#include "store/connection.h"

namespace bluemeet::store {

struct DatabaseUrl {
  Dialect dialect;
  // SQLite: the file path (or ":memory:"). PostgreSQL: the URL as given, for libpq.
  std::string target;
};

// Accepts "sqlite:PATH", "sqlite://PATH", ":memory:", a bare path, and
// "postgresql://..." / "postgres://...". Throws StoreError for an empty URL or
// any other scheme (so a typo like "postgresq://" is not taken as a file name).
DatabaseUrl parse_database_url(std::string_view url);

// The URL without its password (user-info "user:secret@" and any "password="
// query parameter), for error messages and logs.
std::string redact_password(std::string_view url);

// `text` with every occurrence of the URL's password (as written and
// percent-decoded) replaced by "***": for messages from libraries that may
// quote parts of a malformed URL back.
std::string scrub_password(std::string text, std::string_view url);

}  // namespace bluemeet::store
