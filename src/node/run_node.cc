#include "node/run_node.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <spdlog/spdlog.h>

#include "net/http_server.h"
#include "node/api.h"
#include "node/client_session.h"
#include "node/service.h"
#include "node/web_assets.h"

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
  std::unique_ptr<WebAssets> assets =
      config.web_root.empty() ? std::make_unique<WebAssets>() : std::make_unique<WebAssets>(config.web_root);
  if (assets->empty()) spdlog::warn("no web client is available: joins will reach an error page");

  asio::io_context io(1);
  net::ServerOptions options;
  options.max_body_bytes = config.max_body_bytes;
  net::HttpServer* server_ptr = nullptr;
  std::unique_ptr<NodeService> svc;
  std::unique_ptr<NodeApi> api;
  auto handler = [&](net::HttpRequest& req) { return api->handle(req); };
  net::HttpServer server(io, options, handler);
  server_ptr = &server;
  unsigned short bound = server.listen(host, port);
  if (config.public_url.empty()) {
    std::string h = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host;
    if (h.find(':') != std::string::npos) h = "[" + h + "]";
    config.public_url = "http://" + h + ":" + std::to_string(bound);
  }
  while (!config.public_url.empty() && config.public_url.back() == '/') config.public_url.pop_back();
  svc = std::make_unique<NodeService>(io, config);
  api = std::make_unique<NodeApi>(*svc, *assets);
  server.set_websocket([](const net::HttpRequest& r) { return r.path() == "/client/ws"; },
                       [&](std::shared_ptr<net::WebSocketConnection> ws, net::HttpRequest req) {
                         return run_client_session(*svc, std::move(ws), std::move(req));
                       });

  int exit_code = 0;
  asio::co_spawn(io, svc->start(), [&](std::exception_ptr e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        spdlog::error("cannot start: {}", ex.what());
      }
      exit_code = 1;
      io.stop();
      return;
    }
    spdlog::info("BlueMeet node serving the BigBlueButton API at {}/bigbluebutton/api/", svc->config().public_url);
    std::printf("listening on %s\n", svc->config().public_url.c_str());
    std::fflush(stdout);
  });

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: shutting down", sig);
    server_ptr->stop();
    svc->stop();
    io.stop();
  });
  io.run();
  return exit_code;
}

}  // namespace bluemeet::node
