#include "net/file_response.h"

#include <fstream>
#include <sstream>

#include "net/content_type.h"

namespace bluemeet::net {

HttpResponse file_response(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec || !std::filesystem::is_regular_file(path, ec)) return HttpResponse::text(404, "not found\n");
  if (size > max_bytes) return HttpResponse::text(413, "too large to serve here\n");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream body;
  body << in.rdbuf();
  HttpResponse r;
  r.content_type = std::string(content_type_for(path.filename().string()));
  r.body = std::move(body).str();
  return r;
}

}  // namespace bluemeet::net
