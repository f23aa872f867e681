// ws:// URLs of a Janus WebSocket API (pure).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bluemeet::media {

struct WsUrl {
  std::string host;  // without brackets for IPv6
  unsigned short port = 80;
  std::string target;  // path + optional ?query, at least "/"
  std::string host_header() const;
};

// Plain ws:// only (Janus runs beside the node, or on a trusted network);
// nullopt for anything else, including wss:// and URLs with credentials.
std::optional<WsUrl> parse_ws_url(std::string_view url);

}  // namespace bluemeet::media
