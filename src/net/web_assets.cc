#include "net/web_assets.h"

#include "net/content_type.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bluemeet::net {

WebAssets::WebAssets(const EmbeddedFile* files, std::size_t count, std::string csp) : csp_(std::move(csp)) {
  for (std::size_t i = 0; i < count; ++i)
    files_.emplace(files[i].path, std::string(reinterpret_cast<const char*>(files[i].data), files[i].size));
}

WebAssets::WebAssets(const std::string& root, std::string csp) : csp_(std::move(csp)) {
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

HttpResponse WebAssets::serve(std::string_view path) const {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (auto it = files_.find(path); it != files_.end() && !path.empty()) {
    HttpResponse r;
    r.content_type = std::string(content_type_for(path));
    r.body = it->second;
    // Vite puts a content hash in every asset name: they never change.
    r.headers.emplace_back("Cache-Control", path.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
  }
  if (path.starts_with("assets/")) return HttpResponse::text(404, "not found\n");
  auto index = files_.find("index.html");
  if (index == files_.end())
    return HttpResponse::text(503, "This web app was not built into this binary (configure with BLUEMEET_WEB=ON).\n");
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = index->second;
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("Content-Security-Policy", csp_);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace bluemeet::net
