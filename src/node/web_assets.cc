#include "node/web_assets.h"

#include "net/content_type.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bluemeet::node {

// Generated at build time (web/CMakeLists.txt): the files of web/client/dist.
extern const EmbeddedFile kClientFiles[];
extern const std::size_t kClientFileCount;

WebAssets::WebAssets() {
  for (std::size_t i = 0; i < kClientFileCount; ++i)
    files_.emplace(kClientFiles[i].path,
                   std::string(reinterpret_cast<const char*>(kClientFiles[i].data), kClientFiles[i].size));
}

WebAssets::WebAssets(const std::string& root) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(root)) throw std::runtime_error("--web-root " + root + " is not a directory");
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    files_.emplace(fs::relative(e.path(), root).generic_string(), buf.str());
  }
}

net::HttpResponse WebAssets::serve(std::string_view path) const {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (auto it = files_.find(path); it != files_.end() && !path.empty()) {
    net::HttpResponse r;
    r.content_type = std::string(net::content_type_for(path));
    r.body = it->second;
    // Vite puts a content hash in every asset name: they never change.
    r.headers.emplace_back("Cache-Control", path.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
  }
  if (path.starts_with("assets/")) return net::HttpResponse::text(404, "not found\n");
  auto index = files_.find("index.html");
  if (index == files_.end())
    return net::HttpResponse::text(503, "The web client was not built into this binary (configure with BLUEMEET_WEB=ON).\n");
  net::HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = index->second;
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: https:; "
                         "style-src 'self' 'unsafe-inline'; frame-ancestors *");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace bluemeet::node
