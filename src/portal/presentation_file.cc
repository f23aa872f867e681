#include "portal/presentation_file.h"

#include "util/text.h"

namespace bluemeet::portal {

std::optional<std::string> clean_file_name(std::string_view name) {
  // Windows browsers once sent the whole path; either separator ends a directory.
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  name = util::trim(name);
  if (name.empty() || name.size() > 255 || !util::is_valid_utf8(name)) return std::nullopt;
  for (unsigned char ch : name)
    if (ch < 0x20 || ch == 0x7f) return std::nullopt;
  if (util::clean_text(name) != name) return std::nullopt;  // C1 controls
  return std::string(name);
}

}  // namespace bluemeet::portal
