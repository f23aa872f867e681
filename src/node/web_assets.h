// The web client's files: built by npm (web/client), embedded in the binary
// at build time, or read from a directory given with --web-root. Anything
// under /client/ that is not a file gets index.html, so the single-page app
// owns its routes.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "net/http_types.h"

namespace bluemeet::node {

struct EmbeddedFile {
  const char* path;  // "index.html", "assets/index-abc123.js"
  const unsigned char* data;
  std::size_t size;
};

class WebAssets {
 public:
  // Uses the copy embedded at build time.
  WebAssets();
  // Reads every file below root once, at start-up.
  explicit WebAssets(const std::string& root);
  bool empty() const { return files_.empty(); }
  // path is relative to /client/ ("" or "join" or "assets/x.js").
  net::HttpResponse serve(std::string_view path) const;

 private:
  std::map<std::string, std::string, std::less<>> files_;
};

}  // namespace bluemeet::node
