// ws:// URLs of a Janus WebSocket API (pure): an http URL under another
// scheme, so net::parse_http_url reads it.
#pragma once

#include <optional>
#include <string_view>

#include "net/url.h"

namespace bluemeet::media {

using WsUrl = net::HttpUrl;  // tls is always false

// Plain ws:// only (Janus runs beside the node, or on a trusted network);
// nullopt for anything else, including wss:// and URLs with credentials.
std::optional<WsUrl> parse_ws_url(std::string_view url);

}  // namespace bluemeet::media
