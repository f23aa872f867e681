// The messages Janus sends on its WebSocket API, decoded (pure, no I/O), and
// the error type the client throws.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bluemeet::media {

// A failed Janus request. kind says where it failed; code and reason are
// Janus's own (core codes 4xx such as 403 unauthorized or 458 no such session;
// plugin codes such as AudioBridge 485 / VideoRoom 426 "no such room"), 0 for
// timeouts, lost connections and protocol errors.
class JanusError : public std::runtime_error {
 public:
  enum class Kind { janus, plugin, timeout, connection, protocol };
  JanusError(Kind kind, int code, const std::string& reason);
  Kind kind() const noexcept { return kind_; }
  int code() const noexcept { return code_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  Kind kind_;
  int code_;
  std::string reason_;
};

struct JanusFailure {
  JanusError::Kind kind = JanusError::Kind::janus;
  int code = 0;
  std::string reason;
};

struct JanusMessage {
  std::string janus;        // the verb: success, error, ack, event, webrtcup, media, hangup, slowlink, detached, timeout, ...
  std::string transaction;  // empty for events not answering a request
  std::uint64_t session_id = 0;
  std::uint64_t sender = 0;  // the handle the message is about; 0 for session-level messages
  std::string plugin;        // plugindata.plugin, e.g. "janus.plugin.videoroom"
  boost::json::object plugin_data;          // plugindata.data
  std::optional<boost::json::object> jsep;  // an SDP offer or answer
  // A core error (janus: error) or a plugin's error_code/error in plugin_data.
  std::optional<JanusFailure> failure;
  boost::json::object raw;  // the whole message, e.g. data.id of a create/attach success
};

// nullopt when the text is not a JSON object with a string "janus" member.
std::optional<JanusMessage> parse_janus_message(std::string_view text);

// Janus ids are JSON integers; 0 when absent or not a non-negative integer.
std::uint64_t json_id(const boost::json::object& object, std::string_view key);

}  // namespace bluemeet::media
