// A short, single-line form of an SQL statement for error messages, so a
// failure says which statement failed without dumping a whole schema script.
// Parameters are never part of the SQL text, so no secrets end up here.
#pragma once

#include <string>
#include <string_view>

namespace bluemeet::store {

std::string sql_snippet(std::string_view sql, std::size_t max_chars = 120);

}  // namespace bluemeet::store
