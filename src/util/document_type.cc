#include "util/document_type.h"

namespace bluemeet::util {

std::string_view document_type(std::string_view b) {
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "application/pdf";
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.starts_with("\xff\xd8\xff")) return "image/jpeg";
  return {};
}

}  // namespace bluemeet::util
