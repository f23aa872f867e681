// The configuration files a node-supervised Janus runs with, rendered from
// the node's settings (pure, no I/O).
//
// What the rendering guarantees, whatever the settings: the Janus API only on
// a WebSocket bound to 127.0.0.1 (HTTP, admin and every other transport off),
// an api_secret on every request, only the AudioBridge and VideoRoom plugins
// loaded, no event handlers or external loggers, mDNS candidates ignored,
// and the log on stdout (the supervisor captures it).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bluemeet::media {

struct JanusSettings {
  std::filesystem::path working_dir;  // absolute; the config files and janus.log live here
  unsigned short ws_port = 8188;      // the Janus API, on 127.0.0.1 only
  std::string api_secret;             // required
  unsigned short rtp_port_min = 20000;  // WebRTC media (UDP), must be reachable by browsers
  unsigned short rtp_port_max = 40000;
  // Behind a 1:1 NAT (cloud VMs): the public address put in host candidates.
  std::string nat_1_1_ip;
  bool keep_private_host = false;  // with nat_1_1_ip: offer the private address too
  std::string stun_server;         // host name or address; empty: none
  unsigned short stun_port = 3478;
  std::string turn_server;  // Janus's own relay (rarely needed; browsers get TURN from the node)
  unsigned short turn_port = 3478;
  std::string turn_type = "udp";  // udp, tcp or tls
  std::string turn_user;
  std::string turn_password;
  // Interfaces or address prefixes never used for candidates; "vmnet" is Janus's default.
  std::vector<std::string> ice_ignore_list{"vmnet"};
  // When set, the only interfaces used for candidates. Loopback is refused:
  // Janus never gathers on it, so "lo" would silently mean every interface.
  std::vector<std::string> ice_enforce_list;
  int log_level = 4;  // Janus's debug_level, 0 (none) to 7 (everything)
  // Where rooms may record; absolute, outside Janus's protected folders. Empty: no recording.
  std::filesystem::path recordings_dir;
  // Plain-RTP AudioBridge participants (the future SIP gateway on this machine).
  std::string plain_rtp_ip = "127.0.0.1";
  unsigned short plain_rtp_port_min = 50000;
  unsigned short plain_rtp_port_max = 50999;
  // Janus drops a session after this long without a request; the client keeps alive every ~25 s.
  std::chrono::seconds session_timeout{60};
};

// File name → content, e.g. "janus.jcfg" → "general: {...}".
using JanusConfigFiles = std::map<std::string, std::string>;

// Throws std::invalid_argument, naming the setting, when the settings are unusable.
void validate(const JanusSettings& settings);

// Validates, then renders janus.jcfg, the WebSocket and (disabled) HTTP
// transports' files and the two plugins' files.
JanusConfigFiles render_janus_config(const JanusSettings& settings);

// A libconfig string literal (Janus's .jcfg syntax): quotes, backslashes and
// control characters escaped. Throws std::invalid_argument on a NUL byte,
// which libconfig cannot carry.
std::string jcfg_string(std::string_view value);

// The Janus API address for these settings: "ws://127.0.0.1:<ws_port>/".
std::string janus_ws_url(const JanusSettings& settings);

}  // namespace bluemeet::media
