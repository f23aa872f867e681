// Everything `bluemeet gateway` can be told (flags, TOML, BLUEMEET_* environment).
#pragma once

#include <cstddef>
#include <string>

namespace bluemeet::gateway {

struct GatewayConfig {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir;                // SQLite database and local state
  std::string db_url;                  // postgresql://... to share state between gateways; empty: SQLite in data_dir
  std::string public_url;              // how tenants and servers reach this gateway; empty: http://<listen>
  std::string domain;                  // tenants by host label: <tenant>.<domain>; empty: off
  bool tenant_by_secret = false;       // find the tenant whose secret verifies the checksum (small federations)
  std::string checksum_algorithms = "sha1,sha256,sha384,sha512";
  std::string default_logout_url;      // where failed joins of unknown meetings are sent; empty: public_url
  int poll_interval_ms = 5000;
  int poll_timeout_ms = 4000;
  int backend_timeout_ms = 5000;       // for calls made on a tenant's behalf
  int fanout_timeout_ms = 2000;        // for each server's part of getMeetings
  std::string recordings_dir;          // recordings storage (spool/, published/, ...); empty: recordings are off
  bool accel_redirect = false;         // playback: answer X-Accel-Redirect to /recordings-files/ for nginx to serve
  std::string admin_token;             // for the admin HTTP API; empty: the API is off
  std::size_t max_body_bytes = 32 * 1024 * 1024;
};

}  // namespace bluemeet::gateway
