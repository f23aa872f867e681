// A file from disk as a response (recording playback): its bytes with the
// Content-Type its name implies; 404 when it is missing, 413 when it is over
// `max_bytes` (whoever serves larger files lets nginx do it).
#pragma once

#include <cstdint>
#include <filesystem>

#include "net/http_types.h"

namespace bluemeet::net {

HttpResponse file_response(const std::filesystem::path& path, std::uintmax_t max_bytes);

}  // namespace bluemeet::net
