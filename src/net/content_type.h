// The Content-Type for a file by its name's extension (web client assets,
// recording playback files).
#pragma once

#include <string_view>

namespace bluemeet::net {

std::string_view content_type_for(std::string_view path);

}  // namespace bluemeet::net
