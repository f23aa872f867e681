#include "store/sql_snippet.h"

namespace bluemeet::store {

std::string sql_snippet(std::string_view sql, std::size_t max_chars) {
  std::string out;
  bool pending_space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (out.size() >= max_chars) {
      out += "...";
      break;
    }
    out += c;
  }
  return out;
}

}  // namespace bluemeet::store
