#include "media/janus_config.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

namespace bluemeet::media {
namespace {

// Everything Debian's janus 1.1.2 ships besides what we use. Janus loads every
// *.so of its folders unless it is listed here.
constexpr std::array kDisabledPlugins{
    "libjanus_echotest.so", "libjanus_videocall.so", "libjanus_sip.so",   "libjanus_nosip.so",
    "libjanus_streaming.so", "libjanus_textroom.so", "libjanus_recordplay.so", "libjanus_voicemail.so",
    "libjanus_lua.so",       "libjanus_duktape.so"};
constexpr std::array kDisabledTransports{"libjanus_http.so", "libjanus_pfunix.so", "libjanus_mqtt.so",
                                         "libjanus_nanomsg.so", "libjanus_rabbitmq.so"};
constexpr std::array kDisabledEventHandlers{"libjanus_sampleevh.so", "libjanus_wsevh.so", "libjanus_mqttevh.so",
                                            "libjanus_rabbitmqevh.so", "libjanus_nanomsgevh.so",
                                            "libjanus_gelfevh.so"};
constexpr std::array kDisabledLoggers{"libjanus_jsonlog.so"};

// Janus's default protected folders without /var: operators keep data under
// /var/lib, and recordings must be allowed there.
constexpr std::array kProtectedFolders{"/bin", "/boot", "/dev",  "/etc", "/initrd", "/lib",
                                       "/lib32", "/lib64", "/proc", "/sbin", "/sys", "/usr"};

void invalid(const std::string& what) { throw std::invalid_argument("janus settings: " + what); }

template <std::size_t N>
std::string joined(const std::array<const char*, N>& names) {
  std::string out;
  for (const char* n : names) {
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ',';
    out += i;
  }
  return out;
}

bool is_under(const std::filesystem::path& path, std::string_view folder) {
  auto p = path.lexically_normal().generic_string();
  return p == folder || (p.starts_with(folder) && p.size() > folder.size() && p[folder.size()] == '/');
}

// Janus splits these lists on commas and matches by prefix; an empty entry would match everything.
void check_list(const std::vector<std::string>& list, const char* name) {
  for (const auto& item : list)
    if (item.empty() || item.find_first_of(", \t\r\n\"") != std::string::npos)
      invalid(std::string(name) + " entries must be non-empty interface names or address prefixes");
}

void check_address_list(const std::string& value, const char* name) {
  if (value.find_first_not_of("0123456789abcdefABCDEF.:,") != std::string::npos)
    invalid(std::string(name) + " must be IP addresses");
}

class Writer {
 public:
  void open(std::string_view section) { out_ += std::string(section) + ": {\n"; }
  void close() { out_ += "}\n"; }
  void str(std::string_view key, std::string_view value) { line(key, jcfg_string(value)); }
  void num(std::string_view key, long long value) { line(key, std::to_string(value)); }
  void flag(std::string_view key, bool value) { line(key, value ? "true" : "false"); }
  template <std::size_t N>
  void str_array(std::string_view key, const std::array<const char*, N>& values) {
    std::string v = "[";
    for (std::size_t i = 0; i < N; ++i) v += (i ? ", " : "") + jcfg_string(values[i]);
    line(key, v + "]");
  }
  std::string take() { return std::move(out_); }

 private:
  void line(std::string_view key, const std::string& value) { out_ += "  " + std::string(key) + " = " + value + "\n"; }
  std::string out_;
};

std::string render_core(const JanusSettings& s) {
  Writer w;
  w.open("general");
  w.str("configs_folder", s.working_dir.generic_string());
  w.num("debug_level", s.log_level);
  w.flag("debug_timestamps", true);
  w.flag("debug_colors", false);
  w.flag("log_to_stdout", true);
  w.str("api_secret", s.api_secret);
  w.flag("token_auth", false);
  w.str("server_name", "BlueMeet");
  w.num("session_timeout", s.session_timeout.count());
  w.num("reclaim_session_timeout", 0);
  w.num("candidates_timeout", 45);
  w.str("recordings_tmp_ext", "tmp");  // a recording still being written is never mistaken for a finished one
  w.flag("hide_dependencies", true);
  w.flag("exit_on_dl_error", false);
  w.str_array("protected_folders", kProtectedFolders);
  w.close();
  w.open("certificates");  // DTLS: Janus generates its own certificate at each start
  w.close();
  w.open("media");
  w.flag("ipv6", false);
  w.str("rtp_port_range", std::to_string(s.rtp_port_min) + "-" + std::to_string(s.rtp_port_max));
  w.num("dtls_mtu", 1200);
  w.num("no_media_timer", 1);
  w.num("slowlink_threshold", 4);
  w.num("twcc_period", 200);
  w.close();
  w.open("nat");
  w.flag("nice_debug", false);
  w.flag("full_trickle", false);
  w.flag("ice_lite", false);
  w.flag("ice_tcp", false);
  w.flag("ignore_mdns", true);
  // A STUN/TURN server that is down at start-up must not keep media from starting.
  w.flag("ignore_unreachable_ice_server", true);
  if (!s.stun_server.empty()) {
    w.str("stun_server", s.stun_server);
    w.num("stun_port", s.stun_port);
  }
  if (!s.nat_1_1_ip.empty()) {
    w.str("nat_1_1_mapping", s.nat_1_1_ip);
    w.flag("keep_private_host", s.keep_private_host);
  }
  if (!s.turn_server.empty()) {
    w.str("turn_server", s.turn_server);
    w.num("turn_port", s.turn_port);
    w.str("turn_type", s.turn_type);
    if (!s.turn_user.empty()) w.str("turn_user", s.turn_user);
    if (!s.turn_password.empty()) w.str("turn_pwd", s.turn_password);
  }
  if (!s.ice_ignore_list.empty()) w.str("ice_ignore_list", joined(s.ice_ignore_list));
  if (!s.ice_enforce_list.empty()) w.str("ice_enforce_list", joined(s.ice_enforce_list));
  w.close();
  w.open("plugins");
  w.str("disable", joined(kDisabledPlugins));
  w.close();
  w.open("transports");
  w.str("disable", joined(kDisabledTransports));
  w.close();
  w.open("loggers");
  w.str("disable", joined(kDisabledLoggers));
  w.close();
  w.open("events");
  w.flag("broadcast", false);
  w.str("disable", joined(kDisabledEventHandlers));
  w.close();
  return w.take();
}

std::string render_websockets(const JanusSettings& s) {
  Writer w;
  w.open("general");
  w.str("json", "compact");
  w.flag("ws", true);
  w.num("ws_port", s.ws_port);
  w.str("ws_ip", "127.0.0.1");
  w.str("ws_acl", "127.");
  w.str("ws_logging", "err,warn");
  w.flag("wss", false);
  w.close();
  w.open("admin");
  w.flag("admin_ws", false);
  w.flag("admin_wss", false);
  w.close();
  w.open("cors");
  w.close();
  w.open("certificates");
  w.close();
  return w.take();
}

// The HTTP transport is also disabled in janus.jcfg; off here too, so that a
// Janus ignoring the disable list still never listens on HTTP.
std::string render_http_off() {
  Writer w;
  w.open("general");
  w.flag("http", false);
  w.flag("https", false);
  w.close();
  w.open("admin");
  w.flag("admin_http", false);
  w.flag("admin_https", false);
  w.close();
  return w.take();
}

std::string render_audiobridge(const JanusSettings& s) {
  Writer w;
  w.open("general");
  w.flag("string_ids", false);  // the node's room ids are integers
  w.flag("events", false);
  w.str("record_tmp_ext", "tmp");
  w.str("local_ip", s.plain_rtp_ip);
  w.str("rtp_port_range", std::to_string(s.plain_rtp_port_min) + "-" + std::to_string(s.plain_rtp_port_max));
  w.close();
  return w.take();
}

std::string render_videoroom() {
  Writer w;
  w.open("general");
  w.flag("string_ids", false);
  w.flag("events", false);
  w.close();
  return w.take();
}

}  // namespace

std::string jcfg_string(std::string_view value) {
  std::string out = "\"";
  for (unsigned char c : value) {
    switch (c) {
      case '\0': throw std::invalid_argument("janus settings: a value contains a NUL byte");
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char hex[5];
          std::snprintf(hex, sizeof hex, "\\x%02x", c);
          out += hex;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

void validate(const JanusSettings& s) {
  if (s.working_dir.empty() || !s.working_dir.is_absolute()) invalid("working_dir must be an absolute path");
  if (s.api_secret.empty()) invalid("api_secret is required");
  if (s.ws_port == 0) invalid("ws_port must be a port number");
  if (s.rtp_port_min == 0 || s.rtp_port_min > s.rtp_port_max) invalid("rtp_port_min-rtp_port_max must be a port range");
  if (s.plain_rtp_port_min == 0 || s.plain_rtp_port_min > s.plain_rtp_port_max)
    invalid("plain_rtp_port_min-plain_rtp_port_max must be a port range");
  if (s.log_level < 0 || s.log_level > 7) invalid("log_level must be 0 to 7");
  if (s.session_timeout.count() < 30) invalid("session_timeout must be at least 30 s (keepalives come every ~25 s)");
  if (s.turn_type != "udp" && s.turn_type != "tcp" && s.turn_type != "tls") invalid("turn_type must be udp, tcp or tls");
  if (!s.turn_server.empty() && s.turn_port == 0) invalid("turn_port must be a port number");
  if (!s.stun_server.empty() && s.stun_port == 0) invalid("stun_port must be a port number");
  check_address_list(s.nat_1_1_ip, "nat_1_1_ip");
  check_address_list(s.plain_rtp_ip, "plain_rtp_ip");
  if (s.plain_rtp_ip.empty() || s.plain_rtp_ip.find(',') != std::string::npos)
    invalid("plain_rtp_ip must be one IP address");
  check_list(s.ice_ignore_list, "ice_ignore_list");
  check_list(s.ice_enforce_list, "ice_enforce_list");
  if (std::ranges::any_of(s.ice_enforce_list, [](const std::string& i) { return i == "lo" || i.starts_with("127."); }))
    invalid("ice_enforce_list cannot name loopback: Janus never gathers candidates on it");
  if (!s.recordings_dir.empty()) {
    if (!s.recordings_dir.is_absolute()) invalid("recordings_dir must be an absolute path");
    for (const char* folder : kProtectedFolders)
      if (is_under(s.recordings_dir, folder))
        invalid("recordings_dir cannot be under " + std::string(folder) + " (Janus refuses to write there)");
  }
}

JanusConfigFiles render_janus_config(const JanusSettings& settings) {
  validate(settings);
  return {
      {"janus.jcfg", render_core(settings)},
      {"janus.transport.websockets.jcfg", render_websockets(settings)},
      {"janus.transport.http.jcfg", render_http_off()},
      {"janus.plugin.audiobridge.jcfg", render_audiobridge(settings)},
      {"janus.plugin.videoroom.jcfg", render_videoroom()},
  };
}

std::string janus_ws_url(const JanusSettings& settings) {
  return "ws://127.0.0.1:" + std::to_string(settings.ws_port) + "/";
}

}  // namespace bluemeet::media
