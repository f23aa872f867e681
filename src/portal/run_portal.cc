#include "portal/run_portal.h"

#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include "net/http_server.h"
#include "net/service_runner.h"
#include "net/web_assets.h"
#include "portal/api.h"
#include "portal/service.h"

namespace asio = boost::asio;

namespace bluemeet::portal {

int run_portal(PortalConfig config) {
  if (config.data_dir.empty() && config.db_url.empty()) {
    spdlog::error("a data directory (--data) or a database (--db) is required");
    return 2;
  }
  if (config.gateway_url.empty() || config.secret.empty()) {
    spdlog::error("the gateway's BBB API URL (--gateway) and this organization's secret (--secret) are required");
    return 2;
  }
  // The app's own files only; the conference client is elsewhere (joinUrl), and nothing may frame the portal.
  const std::string csp =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
      "form-action 'self'; base-uri 'none'";
  auto assets = config.web_root.empty()
                    ? std::make_unique<net::WebAssets>(web::kPortalFiles, web::kPortalFilesCount, csp)
                    : std::make_unique<net::WebAssets>(config.web_root, csp);
  if (assets->empty()) spdlog::warn("no portal web app is available: only the API is served");

  auto [host, port] = net::parse_listen_address(config.listen);
  asio::io_context io(1);
  net::ServerOptions options;
  options.max_body_bytes = 1024 * 1024;
  std::unique_ptr<PortalService> svc;
  std::unique_ptr<PortalApi> api;
  net::HttpServer server(io, options, [&](net::HttpRequest& req) { return api->handle(req); });
  // Presentations (up to 20 MiB) are streamed to a file; every other body stays within the limit above.
  server.set_body_router([&](const net::HttpRequest& head) { return api->route_body(head); });
  config.public_url = net::public_url_for(config.public_url, host, server.listen(host, port));
  config.secure_cookies = config.public_url.starts_with("https://");
  svc = std::make_unique<PortalService>(io, config);
  api = std::make_unique<PortalApi>(*svc, *assets);
  return net::run_until_signal(io, svc->start(), config.public_url, "BlueMeet portal serving " + config.public_url,
                               [&] {
                                 server.stop();
                                 svc->stop();
                               });
}

}  // namespace bluemeet::portal
