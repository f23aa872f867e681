#include "gateway/run_gateway.h"

#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include "gateway/api.h"
#include "gateway/service.h"
#include "net/http_server.h"
#include "net/service_runner.h"

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
  config.public_url = net::public_url_for(config.public_url, host, server.listen(host, port));
  GatewayService svc(io, config);
  api = std::make_unique<GatewayApi>(svc);
  server.set_body_router([&](const net::HttpRequest& head) { return api->route_body(head); });
  return net::run_until_signal(io, svc.start(), config.public_url,
                               "BlueMeet gateway serving tenants at " + config.public_url + "/t/<tenant>/bigbluebutton/api/",
                               [&] {
                                 server.stop();
                                 svc.stop();
                               });
}

}  // namespace bluemeet::gateway
