// Rewrites the portable `?` placeholders to PostgreSQL's `$1, $2, ...`.
//
// A `?` is a placeholder only in plain SQL text: never inside '...' literals
// (including E'...' with backslash escapes), "..." identifiers, $tag$...$tag$
// bodies, -- line comments or /* nested */ comments. PostgreSQL's jsonb `?`
// operators therefore cannot be written directly; use jsonb_exists() instead.
// Pure function, no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bluemeet::store {

struct RewrittenSql {
  std::string sql;
  std::size_t parameters = 0;  // how many `?` were replaced
};

RewrittenSql rewrite_placeholders(std::string_view sql);

}  // namespace bluemeet::store
