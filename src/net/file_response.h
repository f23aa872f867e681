// A file from disk as a response (recording playback): the Content-Type its
// name implies, Accept-Ranges, and the one byte range a browser asks for to
// seek (206, or 416 past the end); 404 when it is missing. The bytes are
// streamed from disk by the HTTP server, never read into memory here.
#pragma once

#include <filesystem>
#include <string_view>

#include "net/http_types.h"

namespace bluemeet::net {

// range_header: the request's Range header (empty for none).
HttpResponse file_response(const std::filesystem::path& path, std::string_view range_header = {});

}  // namespace bluemeet::net
