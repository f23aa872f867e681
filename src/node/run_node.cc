#include "node/run_node.h"

#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include "net/http_server.h"
#include "net/service_runner.h"
#include "node/api.h"
#include "node/client_session.h"
#include "node/service.h"
#include "net/web_assets.h"

namespace asio = boost::asio;

namespace bluemeet::node {

int run_node(NodeConfig config) {
  if (config.secret.empty()) {
    spdlog::error("a shared secret is required (--secret or BLUEMEET_SECRET)");
    return 2;
  }
  if (config.data_dir.empty()) {
    spdlog::error("a data directory is required (--data or BLUEMEET_DATA)");
    return 2;
  }
  auto [host, port] = net::parse_listen_address(config.listen);
  // The client talks to this node over a WebSocket; an LMS may frame it.
  const std::string csp =
      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: https:; "
      "style-src 'self' 'unsafe-inline'; frame-ancestors *";
  auto assets = config.web_root.empty()
                    ? std::make_unique<net::WebAssets>(web::kClientFiles, web::kClientFilesCount, csp)
                    : std::make_unique<net::WebAssets>(config.web_root, csp);
  if (assets->empty()) spdlog::warn("no web client is available: joins will reach an error page");

  asio::io_context io(1);
  net::ServerOptions options;
  options.max_body_bytes = config.max_body_bytes;
  options.websocket.max_message_bytes = 256 * 1024;  // SDP of a subscriber to many cameras
  std::unique_ptr<NodeService> svc;
  std::unique_ptr<NodeApi> api;
  net::HttpServer server(io, options, [&](net::HttpRequest& req) { return api->handle(req); });
  config.public_url = net::public_url_for(config.public_url, host, server.listen(host, port));
  svc = std::make_unique<NodeService>(io, config);
  api = std::make_unique<NodeApi>(*svc, *assets);
  server.set_websocket([](const net::HttpRequest& r) { return r.path() == "/client/ws"; },
                       [&](std::shared_ptr<net::WebSocketConnection> ws, net::HttpRequest req) {
                         return run_client_session(*svc, std::move(ws), std::move(req));
                       });
  return net::run_until_signal(io, svc->start(), config.public_url,
                               "BlueMeet node serving the BigBlueButton API at " + config.public_url + "/bigbluebutton/api/",
                               [&] {
                                 server.stop();
                                 svc->stop();
                               });
}

}  // namespace bluemeet::node
