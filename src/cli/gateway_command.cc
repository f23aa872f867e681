#include "cli/gateway_command.h"

#include <memory>

#include "cli/common_options.h"
#include "gateway/run_gateway.h"

namespace bluemeet::cli {

std::function<int()> add_gateway_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("gateway", "Run the federation's multi-tenant entry point to the server pool");
  cmd->footer(
      "Tenants call https://<gateway>/t/<tenant>/bigbluebutton/api/ (or <tenant>.<domain> with --domain) with\n"
      "their own secret. Manage tenants and servers with 'bluemeet admin'.");
  auto common = std::make_shared<CommonOptions>();
  auto cfg = std::make_shared<gateway::GatewayConfig>();
  add_common_options(*cmd, *common);
  add(*cmd, "listen", cfg->listen, "Address and port to serve on (port 0: any free port)");
  add(*cmd, "data", cfg->data_dir, "Directory for the gateway's state (its SQLite database unless --db)");
  add(*cmd, "db", cfg->db_url, "PostgreSQL URL (postgresql://user@host/db) shared by several gateways; default SQLite");
  add(*cmd, "public-url", cfg->public_url, "URL at which tenants and servers reach this gateway (default: http://<listen>)");
  add(*cmd, "domain", cfg->domain, "Find tenants by host name: <tenant>.<domain>");
  add_flag(*cmd, "tenant-by-secret", cfg->tenant_by_secret,
           "Find the tenant whose secret verifies the checksum, for requests that name none (small federations)");
  add(*cmd, "checksum-algorithms", cfg->checksum_algorithms, "Checksum algorithms accepted from tenants");
  add(*cmd, "default-logout-url", cfg->default_logout_url, "Where failed joins go when the request gives no logoutURL");
  add(*cmd, "poll-interval-ms", cfg->poll_interval_ms, "How often each server is polled");
  add(*cmd, "poll-timeout-ms", cfg->poll_timeout_ms, "How long a poll may take");
  add(*cmd, "backend-timeout-ms", cfg->backend_timeout_ms, "How long a call to a server on a tenant's behalf may take");
  add(*cmd, "fanout-timeout-ms", cfg->fanout_timeout_ms, "How long each server may take to answer its part of getMeetings");
  add(*cmd, "max-body-bytes", cfg->max_body_bytes, "Largest request body accepted");
  add(*cmd, "recordings", cfg->recordings_dir,
      "Recordings storage shared with the servers: spool/ (incoming tars), work/, published/, unpublished/, failed/");
  add_flag(*cmd, "accel-redirect", cfg->accel_redirect,
           "Let nginx serve playback files: answer X-Accel-Redirect to /recordings-files/<published path>");
  add(*cmd, "admin-token", cfg->admin_token,
      "Token for the admin HTTP API at /admin/api/v1/ (Authorization: Bearer); empty: the API is off");
  return [cmd, common, cfg]() -> int {
    if (!cmd->parsed()) return -1;
    setup_logging(*common);
    return gateway::run_gateway(*cfg);
  };
}

}  // namespace bluemeet::cli
