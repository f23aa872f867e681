#include "cli/node_command.h"

#include <cstdio>
#include <memory>

#include "cli/common_options.h"
#include "node/run_node.h"

namespace bluemeet::cli {

std::function<int()> add_node_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("node", "Run a conference server that speaks the BigBlueButton API");
  cmd->footer(
      "Example:\n  bluemeet node --listen 127.0.0.1:8090 --secret $(openssl rand -hex 20) --data /var/lib/bluemeet/node\n"
      "The API is then at http://127.0.0.1:8090/bigbluebutton/api/ with that secret.");
  auto common = std::make_shared<CommonOptions>();
  auto cfg = std::make_shared<node::NodeConfig>();
  add_common_options(*cmd, *common);
  add(*cmd, "listen", cfg->listen, "Address and port to serve on (port 0: any free port)");
  add(*cmd, "secret", cfg->secret, "The shared secret API clients sign requests with (BBB's securitySalt)");
  add(*cmd, "data", cfg->data_dir, "Directory for this node's database");
  add(*cmd, "spool", cfg->spool_dir,
      "Where recorded meetings go as tars: the gateway's <recordings>/spool (empty: they wait in <data>/recordings)");
  add(*cmd, "upload", cfg->upload_url,
      "Without shared storage: the gateway's base URL to upload recorded meetings to, signed with this node's secret");
  add(*cmd, "public-url", cfg->public_url,
      "URL at which browsers reach this node (default: http://<listen>); behind a proxy, its https URL");
  add(*cmd, "checksum-algorithms", cfg->checksum_algorithms, "Checksum algorithms accepted (BBB's supportedChecksumAlgorithms)");
  add_flag(*cmd, "allow-empty-query-post", cfg->allow_empty_query_post,
           "Accept POSTs whose form body is signed over the empty query string (BBB 3.0 behaviour)");
  add(*cmd, "web-root", cfg->web_root, "Serve the web client from this directory instead of the built-in copy");
  add(*cmd, "default-logout-url", cfg->defaults.logout_url, "Where users go after a meeting when create gave no logoutURL");
  add(*cmd, "default-welcome", cfg->defaults.welcome, "Welcome message when create gives none");
  add(*cmd, "dial-number", cfg->defaults.dial_number, "Dial-in number shown for meetings");
  add(*cmd, "default-max-participants", cfg->defaults.max_participants, "maxParticipants when create gives none (0: unlimited)");
  add(*cmd, "expire-no-join-minutes", cfg->defaults.expire_no_join_minutes,
      "End a meeting nobody joined after this many minutes (0: never)");
  add(*cmd, "expire-last-left-minutes", cfg->defaults.expire_last_left_minutes,
      "End a meeting this many minutes after its last user left (0: never)");
  add(*cmd, "ended-retention-minutes", cfg->ended_retention_minutes, "How long an ended meeting still answers getMeetingInfo");
  add(*cmd, "max-meetings", cfg->max_meetings, "Meetings this node hosts at most");
  add(*cmd, "max-body-bytes", cfg->max_body_bytes, "Largest request body accepted (pre-uploaded presentations)");
  add(*cmd, "janus", cfg->media.janus,
      "Audio and video: auto (start and supervise the installed janus; media off without it), off, or the "
      "ws://host:port/ of a Janus run by someone else");
  add(*cmd, "janus-binary", cfg->media.janus_binary, "The janus executable to start (a path, or a name in PATH)");
  add(*cmd, "janus-api-secret", cfg->media.janus_api_secret, "The api_secret of an external Janus (--janus ws://...)");
  add(*cmd, "media-ports", cfg->media.rtp_ports, "UDP ports a started Janus uses for WebRTC media (FIRST-LAST)");
  add(*cmd, "public-ip", cfg->media.public_ip, "Behind a 1:1 NAT: the public address browsers send media to");
  add(*cmd, "stun", cfg->media.stun_urls, "STUN server for browsers and Janus (stun:host:port); repeatable");
  add(*cmd, "turn", cfg->media.turn_urls,
      "TURN server for browsers (turn:host:3478?transport=udp, turns:host:443?transport=tcp); repeatable");
  add(*cmd, "turn-secret", cfg->media.turn_secret,
      "The TURN server's shared secret (coturn static-auth-secret): browsers get credentials valid for a day");
  return [cmd, common, cfg]() -> int {
    if (!cmd->parsed()) return -1;
    setup_logging(*common);
    if (!cfg->spool_dir.empty() && !cfg->upload_url.empty()) {
      std::fprintf(stderr, "bluemeet node: --spool and --upload exclude each other: a recording goes one way\n");
      return 2;
    }
    return node::run_node(*cfg);
  };
}

}  // namespace bluemeet::cli
