// One browser tab's WebSocket: authenticates it by session token, joins the
// user to the meeting, applies their actions, and leaves when it closes.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>

#include "net/http_types.h"
#include "net/websocket.h"

namespace bluemeet::node {

class NodeService;

boost::asio::awaitable<void> run_client_session(NodeService& svc, std::shared_ptr<net::WebSocketConnection> ws,
                                                net::HttpRequest request);

}  // namespace bluemeet::node
