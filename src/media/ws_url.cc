#include "media/ws_url.h"

#include <cctype>
#include <string>

namespace bluemeet::media {

std::optional<WsUrl> parse_ws_url(std::string_view text) {
  constexpr std::string_view scheme = "ws://";
  if (text.size() < scheme.size()) return std::nullopt;
  // Schemes are case-insensitive (RFC 3986); what follows parses exactly as http's.
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != scheme[i]) return std::nullopt;
  return net::parse_http_url("http://" + std::string(text.substr(scheme.size())));
}

}  // namespace bluemeet::media
