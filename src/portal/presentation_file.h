// A room's presentation file, as far as it is pure logic: its type decided
// by its first bytes (util::document_type), its name made safe to keep and to send (net::content_disposition offers it as
// a download).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bluemeet::portal {

inline constexpr std::size_t kMaxPresentationBytes = 20 * 1024 * 1024;

// The name without any directory part, trimmed; nullopt when it is empty,
// longer than 255 bytes, not UTF-8, or has control characters.
std::optional<std::string> clean_file_name(std::string_view name);

}  // namespace bluemeet::portal
