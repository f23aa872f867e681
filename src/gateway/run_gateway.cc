#include "gateway/run_gateway.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <spdlog/spdlog.h>

#include "gateway/api.h"
#include "gateway/service.h"
#include "net/http_server.h"

namespace asio = boost::asio;

namespace bluemeet::gateway {

int run_gateway(GatewayConfig config) {
  if (config.data_dir.empty()) {
    spdlog::error("a data directory is required (--data or BLUEMEET_DATA)");
    return 2;
  }
  auto [host, port] = net::parse_listen_address(config.listen);
  asio::io_context io(1);
  net::ServerOptions options;
  options.max_body_bytes = config.max_body_bytes;
  std::unique_ptr<GatewayApi> api;
  net::HttpServer server(io, options, [&](net::HttpRequest& req) { return api->handle(req); });
  unsigned short bound = server.listen(host, port);
  if (config.public_url.empty()) {
    std::string h = host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host;
    if (h.find(':') != std::string::npos) h = "[" + h + "]";
    config.public_url = "http://" + h + ":" + std::to_string(bound);
  }
  while (!config.public_url.empty() && config.public_url.back() == '/') config.public_url.pop_back();
  GatewayService svc(io, config);
  api = std::make_unique<GatewayApi>(svc);

  int exit_code = 0;
  asio::co_spawn(io, svc.start(), [&](std::exception_ptr e) {
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
    spdlog::info("BlueMeet gateway serving tenants at {}/t/<tenant>/bigbluebutton/api/", svc.config().public_url);
    std::printf("listening on %s\n", svc.config().public_url.c_str());
    std::fflush(stdout);
  });
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: shutting down", sig);
    server.stop();
    svc.stop();
    io.stop();
  });
  io.run();
  return exit_code;
}

}  // namespace bluemeet::gateway
