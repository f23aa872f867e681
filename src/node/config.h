// Everything `bluemeet node` can be told (flags, TOML file, BLUEMEET_* environment).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "node/create_options.h"

namespace bluemeet::node {

// Audio, video and screen sharing through Janus (docs/media.md).
struct MediaConfig {
  // auto: start and supervise the installed janus, media off without one;
  // off; or ws://host:port/ of a Janus run by someone else.
  std::string janus = "auto";
  std::string janus_binary = "janus";
  std::string janus_api_secret;         // for an external Janus (a managed one gets a random one)
  std::string rtp_ports = "20000-40000";  // UDP ports a managed Janus uses for WebRTC
  std::string public_ip;                // behind a 1:1 NAT: the public address browsers reach
  std::vector<std::string> stun_urls;   // stun:host:port, for browsers (the first also for Janus)
  std::vector<std::string> turn_urls;   // turn:host:port?transport=udp, turns:..., for browsers
  std::string turn_secret;              // coturn's static-auth-secret: short-lived credentials per user
  int turn_ttl_seconds = 24 * 3600;
};

struct NodeConfig {
  std::string listen = "127.0.0.1:8090";
  std::string secret;
  std::string data_dir;
  std::string public_url;  // empty: http://<listen address>
  std::string checksum_algorithms = "sha1,sha256,sha384,sha512";
  bool allow_empty_query_post = true;  // BBB 3.0: a POST form body signed over the empty query
  std::string spool_dir;               // recorded meetings go here as tars (the gateway's DIR/spool); empty: kept in data
  std::string upload_url;  // or, without shared storage: the gateway they are uploaded to (its base URL)
  std::string web_root;                // serve the client from here instead of the embedded copy
  NodeDefaults defaults;
  int ended_retention_minutes = 10;  // how long an ended meeting still answers getMeetingInfo
  std::size_t max_meetings = 5000;
  std::size_t max_body_bytes = 32 * 1024 * 1024;  // pre-uploaded presentations come in create bodies
  MediaConfig media;
};

}  // namespace bluemeet::node
