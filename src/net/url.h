// Absolute http(s) URLs as the client needs them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bluemeet::net {

struct HttpUrl {
  bool tls = false;
  std::string host;    // without brackets for IPv6
  unsigned short port = 80;
  std::string target;  // path + optional ?query, at least "/"
  std::string host_header() const;  // host[:port] as sent in Host:
};

// Parses http:// and https:// URLs; nullopt for anything else or garbage.
std::optional<HttpUrl> parse_http_url(std::string_view url);

}  // namespace bluemeet::net
