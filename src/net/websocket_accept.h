// Internal to src/net: hands an upgraded connection from the HTTP server to
// the WebSocket implementation. Includes Beast, so only src/net/*.cc use it.
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http_server.h"

namespace bluemeet::net::detail {

boost::asio::awaitable<void> accept_websocket(boost::beast::tcp_stream stream,
                                              boost::beast::http::request<boost::beast::http::string_body> raw,
                                              HttpRequest request, HttpServer::WebSocketHandler handler,
                                              WebSocketConnection::Limits limits);

}  // namespace bluemeet::net::detail
