// multipart/form-data (RFC 7578) bodies, as putRecordingTextTrack receives
// its file. The HTTP layer has already read the whole body within its size
// limit; this only splits it. Parts point into the body, nothing is copied.
// Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::bbb {

struct MultipartLimits {
  std::size_t max_parts = 32;            // a form has a few fields; more is abuse
  std::size_t max_header_bytes = 4096;   // one part's header block
};

struct FormPart {
  std::string name;                     // Content-Disposition's name
  std::optional<std::string> filename;  // set for a file field (possibly empty)
  std::string content_type;             // media type, lower-cased, without parameters; may be empty
  std::string_view data;                // the bytes, into the body
};

// The boundary of a Content-Type header value ("multipart/form-data;
// boundary=..."), quoted or not; nullopt when it is not multipart/form-data
// or the boundary is missing or not 1-70 characters.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of a body, in order; nullopt when it is malformed (no opening or
// closing delimiter, a part without a form-data name, over the limits).
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                     const MultipartLimits& limits = {});

// The first part with this name, or nullptr.
const FormPart* find_part(const std::vector<FormPart>& parts, std::string_view name);

}  // namespace bluemeet::bbb
