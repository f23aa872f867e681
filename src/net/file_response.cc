#include "net/file_response.h"

#include "net/byte_range.h"
#include "net/content_type.h"

namespace bluemeet::net {

HttpResponse file_response(const std::filesystem::path& path, std::string_view range_header) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return HttpResponse::text(404, "not found\n");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return HttpResponse::text(404, "not found\n");
  auto range = parse_byte_range(range_header, size);
  if (std::holds_alternative<Unsatisfiable>(range))
    return std::move(HttpResponse::text(416, "range not satisfiable\n")
                         .with_header("Content-Range", "bytes */" + std::to_string(size)));
  HttpResponse r;
  r.content_type = std::string(content_type_for(path.filename().string()));
  r.body_file = path.string();
  r.file_length = size;
  r.with_header("Accept-Ranges", "bytes");
  if (const auto* part = std::get_if<ByteRange>(&range)) {
    r.status = 206;
    r.file_offset = part->offset;
    r.file_length = part->length;
    r.with_header("Content-Range", "bytes " + std::to_string(part->offset) + "-" +
                                       std::to_string(part->offset + part->length - 1) + "/" + std::to_string(size));
  }
  return r;
}

}  // namespace bluemeet::net
