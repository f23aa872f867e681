// An asynchronous client for the Janus WebSocket API: one connection
// (subprotocol janus-protocol) multiplexing every session and handle.
//
// Threading: everything — the calls, the callbacks, the coroutines — runs on
// the executor given to create(), which must be single-threaded (an
// io_context run by one thread, or a strand). Callbacks are called from the
// client's read loop: they must not block; they may start coroutines.
//
// Requests carry a random transaction id and the api_secret, and fail with
// JanusError: Kind::janus for Janus's own errors, Kind::plugin for a plugin's
// error_code/error, Kind::timeout after the request's timeout,
// Kind::connection when the connection is or gets lost. Asynchronous plugin
// requests (join/configure/start with JSEP) are answered by an "ack" and then
// an "event" with the same transaction; message() returns that event's data,
// or the immediate "success" of a synchronous request (create/list/exists...).
//
// Connection loss: every pending request fails at once, the on_lost callback
// runs, and the sessions and handles of that connection are dead (Janus
// destroys them when their WebSocket closes): the owner calls connect() again
// and recreates what it had. Nothing secret (api_secret, bodies, SDP) is logged.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "media/janus_message.h"

namespace bluemeet::media {

struct JanusClientOptions {
  std::string url = "ws://127.0.0.1:8188/";  // ws:// only
  std::string api_secret;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{10000};  // default for every request
  std::chrono::milliseconds keepalive_interval{25000};  // per session; Janus's session_timeout is 60 s
  // A Janus that stops answering WebSocket pings for this long is a lost connection.
  std::chrono::milliseconds idle_timeout{20000};
  std::size_t max_message_bytes = 4 * 1024 * 1024;
};

// What a plugin answered: plugindata.data and, for offers/answers, the JSEP.
struct PluginReply {
  boost::json::object data;
  std::optional<boost::json::object> jsep;
};

// A message about a handle that answers no request of ours. type is the
// Janus verb: "event" (plugin events: talking, participants, publishers,
// unpublished...; data and jsep set), "webrtcup", "media", "hangup",
// "slowlink", "detached", "trickle", or "timeout" (the whole session expired).
struct JanusEvent {
  std::string type;
  boost::json::object data;  // plugindata.data, for "event"
  std::optional<boost::json::object> jsep;
  boost::json::object message;  // the whole message (media's "type"/"receiving", hangup's "reason"...)
};

using JanusEventHandler = std::function<void(const JanusEvent&)>;

class JanusConnection;  // internal
class JanusSession;

// Owned through shared_ptr; safe to drop at any time (it closes the connection).
class JanusClient {
 public:
  static std::shared_ptr<JanusClient> create(boost::asio::any_io_executor executor, JanusClientOptions options);
  ~JanusClient();
  JanusClient(const JanusClient&) = delete;
  JanusClient& operator=(const JanusClient&) = delete;

  // Connects (again, after a loss). Throws JanusError (Kind::connection) when
  // Janus cannot be reached or does not speak janus-protocol.
  boost::asio::awaitable<void> connect();
  // Closes the connection: pending requests fail, on_lost is not called.
  void close();
  bool connected() const;
  // Called once per lost connection (not after close()), with a reason for the log.
  void on_lost(std::function<void(const std::string& reason)> callback);

  // Janus's "info": its version, plugins and transports.
  boost::asio::awaitable<boost::json::object> info();
  boost::asio::awaitable<std::shared_ptr<JanusSession>> create_session();

 private:
  explicit JanusClient(std::shared_ptr<JanusConnection> connection);
  std::shared_ptr<JanusConnection> connection_;
};

class JanusHandle;

// A Janus session, kept alive by the client while this object lives.
// Dropping it stops the keepalives and asks Janus to destroy the session
// (without waiting); destroy() waits for Janus's answer.
class JanusSession : public std::enable_shared_from_this<JanusSession> {
 public:
  ~JanusSession();
  JanusSession(const JanusSession&) = delete;
  JanusSession& operator=(const JanusSession&) = delete;

  std::uint64_t id() const { return id_; }
  // Attaches to a plugin ("janus.plugin.audiobridge", "janus.plugin.videoroom").
  // on_event receives the handle's events from the moment it exists.
  // (The plugin name is a view so that a literal makes no temporary string in
  // the caller's co_await expression; name the handler before co_await-ing.)
  boost::asio::awaitable<std::shared_ptr<JanusHandle>> attach(std::string_view plugin, JanusEventHandler on_event);
  boost::asio::awaitable<void> destroy();

 private:
  friend class JanusClient;
  friend class JanusHandle;
  JanusSession(std::shared_ptr<JanusConnection> connection, std::uint64_t id, std::uint64_t generation);
  std::shared_ptr<JanusConnection> connection_;
  std::uint64_t id_;
  std::uint64_t generation_;  // the connection it was created on
  bool ended_ = false;
};

// A handle attached to a plugin. Dropping it stops its events and asks Janus
// to detach it (without waiting); detach() waits for Janus's answer.
class JanusHandle {
 public:
  ~JanusHandle();
  JanusHandle(const JanusHandle&) = delete;
  JanusHandle& operator=(const JanusHandle&) = delete;

  std::uint64_t id() const { return id_; }
  std::uint64_t session_id() const { return session_->id(); }
  const std::string& plugin() const { return plugin_; }

  // Sends body (and a JSEP offer/answer) to the plugin; returns its reply.
  // Throws JanusError with Kind::plugin when the plugin answers an error_code.
  // (Overloads instead of default arguments: GCC 12 mishandles owning
  // temporaries in co_await expressions.)
  boost::asio::awaitable<PluginReply> message(boost::json::object body);
  boost::asio::awaitable<PluginReply> message(boost::json::object body, boost::json::object jsep);
  boost::asio::awaitable<PluginReply> message(boost::json::object body, std::optional<boost::json::object> jsep,
                                              std::chrono::milliseconds timeout);
  // One ICE candidate from the browser ({candidate, sdpMid, sdpMLineIndex}).
  boost::asio::awaitable<void> trickle(boost::json::object candidate);
  // The browser has no more candidates.
  boost::asio::awaitable<void> trickle_completed();
  // Closes the PeerConnection; the handle stays attached.
  boost::asio::awaitable<void> hangup();
  boost::asio::awaitable<void> detach();

 private:
  friend class JanusSession;
  JanusHandle(std::shared_ptr<JanusSession> session, std::uint64_t id, std::string plugin);
  std::shared_ptr<JanusSession> session_;
  std::uint64_t id_;
  std::string plugin_;
  bool ended_ = false;
};

}  // namespace bluemeet::media
