#include "media/janus_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/serialize.hpp>
#include <deque>
#include <map>
#include <spdlog/spdlog.h>
#include <unordered_map>
#include <vector>

#include "media/wake_signal.h"
#include "media/ws_url.h"
#include "util/random.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace bluemeet::media {
namespace {

constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

JanusError connection_error(const std::string& what) { return JanusError(JanusError::Kind::connection, 0, what); }

std::string verb_of(const json::object& request) {
  auto* v = request.if_contains("janus");
  std::string verb = v && v->is_string() ? std::string(v->get_string()) : "request";
  // The plugin request's name helps reading the log; its other fields may be secret.
  if (auto* body = request.if_contains("body"); body && body->is_object())
    if (auto* r = body->get_object().if_contains("request"); r && r->is_string())
      verb += "/" + std::string(r->get_string());
  return verb;
}

}  // namespace

// The one WebSocket to Janus and everything multiplexed on it.
class JanusConnection : public std::enable_shared_from_this<JanusConnection> {
 public:
  JanusConnection(asio::any_io_executor executor, JanusClientOptions options)
      : executor_(std::move(executor)), options_(std::move(options)), keepalive_stop_(executor_) {}

  const JanusClientOptions& options() const { return options_; }
  bool connected() const { return link_ != nullptr; }
  std::uint64_t generation() const { return generation_; }
  bool alive(std::uint64_t generation) const { return link_ && generation == generation_; }
  void set_on_lost(std::function<void(const std::string&)> cb) { on_lost_ = std::move(cb); }

  asio::awaitable<void> connect();
  void close();
  // Sends request and waits for its final answer: "success"/"error"/plugin
  // "event", or also "ack" when ack_final (keepalive, trickle).
  asio::awaitable<JanusMessage> call(json::object request, bool ack_final, std::chrono::milliseconds timeout);
  // Sends request without waiting for (or caring about) an answer.
  void send_forget(json::object request);

  void add_session(std::uint64_t id) { sessions_.insert_or_assign(id, true); }
  void remove_session(std::uint64_t id) { sessions_.erase(id); }
  void add_handle(std::uint64_t id, std::uint64_t session, JanusEventHandler handler) {
    handles_.insert_or_assign(id, HandleEntry{session, std::move(handler)});
  }
  void remove_handle(std::uint64_t id) { handles_.erase(id); }

 private:
  struct Link {
    explicit Link(const asio::any_io_executor& ex) : ws(ex) {}
    ws::stream<beast::tcp_stream> ws;
    std::deque<std::string> queue;
    bool open = true;
    bool writing = false;
    std::uint64_t generation = 0;
  };
  struct Pending {
    Pending(const asio::any_io_executor& ex, bool final_ack) : timer(ex), ack_final(final_ack) {}
    asio::steady_timer timer;
    bool ack_final;
    std::optional<JanusMessage> reply;
    std::optional<JanusError> failure;
  };
  struct HandleEntry {
    std::uint64_t session;
    JanusEventHandler handler;
  };

  void send(std::string text);
  void dispatch(std::string_view text);
  void deliver(std::uint64_t handle, const JanusEvent& event);
  // The link failed or was closed by us: everything that depended on it ends.
  void drop(const std::shared_ptr<Link>& link, const std::string& reason, bool report);
  static void abort(Link& link);
  static asio::awaitable<void> read_loop(std::shared_ptr<JanusConnection> self, std::shared_ptr<Link> link);
  static asio::awaitable<void> write_loop(std::shared_ptr<Link> link);
  static asio::awaitable<void> keepalive_loop(std::shared_ptr<JanusConnection> self, std::uint64_t generation);

  asio::any_io_executor executor_;
  JanusClientOptions options_;
  std::shared_ptr<Link> link_;
  bool connecting_ = false;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, std::shared_ptr<Pending>> pending_;
  std::map<std::uint64_t, bool> sessions_;  // to keep alive
  std::unordered_map<std::uint64_t, HandleEntry> handles_;
  std::function<void(const std::string&)> on_lost_;
  WakeSignal keepalive_stop_;
};

asio::awaitable<void> JanusConnection::connect() {
  auto self = shared_from_this();
  if (link_ || connecting_) throw connection_error("already connected to Janus");
  auto url = parse_ws_url(options_.url);
  if (!url) throw connection_error("not a ws:// URL: " + options_.url);
  connecting_ = true;
  struct Clear {
    bool& flag;
    ~Clear() { flag = false; }
  } clear{connecting_};

  const std::string host = url->host;
  const std::string port = std::to_string(url->port);
  const std::string host_header = url->host_header();
  const std::string target = url->target;
  // The resolver has no deadline of its own; Janus is normally addressed by IP.
  tcp::resolver resolver(executor_);
  auto [rec, endpoints] = co_await resolver.async_resolve(host, port, kUse);
  if (rec) throw connection_error("cannot resolve " + host + ": " + rec.message());

  auto link = std::make_shared<Link>(executor_);
  auto& stream = beast::get_lowest_layer(link->ws);
  stream.expires_after(options_.connect_timeout);
  auto [cec, ep] = co_await stream.async_connect(endpoints, kUse);
  (void)ep;
  if (cec) throw connection_error("cannot connect to Janus at " + host_header + ": " + cec.message());
  link->ws.set_option(ws::stream_base::decorator([](ws::request_type& req) {
    req.set(beast::http::field::sec_websocket_protocol, "janus-protocol");
    req.set(beast::http::field::user_agent, "BlueMeet");
  }));
  ws::response_type response;
  auto [hec] = co_await link->ws.async_handshake(response, host_header, target, kUse);
  if (hec) throw connection_error("WebSocket handshake with Janus at " + host_header + " failed: " + hec.message());
  if (response[beast::http::field::sec_websocket_protocol] != "janus-protocol") {
    abort(*link);
    throw connection_error(host_header + " does not speak janus-protocol");
  }
  stream.expires_never();
  ws::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = options_.connect_timeout;
  timeouts.idle_timeout = options_.idle_timeout;
  timeouts.keep_alive_pings = true;  // a Janus that hangs is noticed even when no request is pending
  link->ws.set_option(timeouts);
  link->ws.read_message_max(options_.max_message_bytes);
  link->ws.text(true);
  link->generation = ++generation_;
  link_ = link;
  spdlog::debug("janus: connected to {}", host_header);
  asio::co_spawn(executor_, read_loop(self, link), asio::detached);
  asio::co_spawn(executor_, keepalive_loop(self, link->generation), asio::detached);
}

void JanusConnection::close() {
  if (link_) drop(link_, "closed", false);
}

void JanusConnection::abort(Link& link) {
  link.open = false;
  boost::system::error_code ec;
  beast::get_lowest_layer(link.ws).socket().shutdown(tcp::socket::shutdown_both, ec);
  beast::get_lowest_layer(link.ws).socket().close(ec);
}

void JanusConnection::drop(const std::shared_ptr<Link>& link, const std::string& reason, bool report) {
  if (link != link_) return;
  abort(*link);
  link_.reset();
  sessions_.clear();
  handles_.clear();
  keepalive_stop_.notify_all();
  auto pending = std::move(pending_);
  pending_.clear();
  for (auto& [tx, p] : pending) {
    p->failure.emplace(JanusError::Kind::connection, 0, "connection to Janus " + reason);
    p->timer.cancel();
  }
  if (!report) return;
  spdlog::warn("janus: connection lost: {}", reason);
  if (auto cb = on_lost_) cb(reason);
}

void JanusConnection::send(std::string text) {
  auto link = link_;
  if (!link || !link->open) throw connection_error("not connected to Janus");
  link->queue.push_back(std::move(text));
  if (link->writing) return;
  link->writing = true;
  asio::co_spawn(executor_, write_loop(link), asio::detached);
}

asio::awaitable<void> JanusConnection::write_loop(std::shared_ptr<Link> link) {
  while (link->open && !link->queue.empty()) {
    std::string message = std::move(link->queue.front());
    link->queue.pop_front();
    auto [ec, n] = co_await link->ws.async_write(asio::buffer(message), kUse);
    (void)n;
    if (ec) {
      // The read loop sees the closed socket and reports the loss.
      abort(*link);
      break;
    }
  }
  link->writing = false;
}

asio::awaitable<void> JanusConnection::read_loop(std::shared_ptr<JanusConnection> self, std::shared_ptr<Link> link) {
  beast::flat_buffer buffer;
  std::string reason;
  for (;;) {
    auto [ec, n] = co_await link->ws.async_read(buffer, kUse);
    (void)n;
    if (ec) {
      reason = ec == ws::error::closed ? "closed by Janus" : ec.message();
      break;
    }
    std::string text = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    self->dispatch(text);
  }
  self->drop(link, reason, true);
}

asio::awaitable<void> JanusConnection::keepalive_loop(std::shared_ptr<JanusConnection> self, std::uint64_t generation) {
  while (self->alive(generation)) {
    if (co_await self->keepalive_stop_.wait(self->options_.keepalive_interval)) break;
    std::vector<std::uint64_t> ids;
    for (const auto& [id, keep] : self->sessions_) ids.push_back(id);
    for (auto id : ids) {
      if (!self->alive(generation)) co_return;
      if (!self->sessions_.contains(id)) continue;
      json::object request{{"janus", "keepalive"}, {"session_id", id}};
      try {
        co_await self->call(std::move(request), true, self->options_.request_timeout);
      } catch (const JanusError& e) {
        spdlog::warn("janus: keepalive of session {} failed: {}", id, e.what());
      }
    }
  }
}

asio::awaitable<JanusMessage> JanusConnection::call(json::object request, bool ack_final,
                                                    std::chrono::milliseconds timeout) {
  auto self = shared_from_this();
  const std::string verb = verb_of(request);
  const std::string tx = util::random_lower_alnum(16);
  request["transaction"] = tx;
  if (!options_.api_secret.empty()) request["apisecret"] = options_.api_secret;
  auto pending = std::make_shared<Pending>(executor_, ack_final);
  pending->timer.expires_after(timeout);
  send(json::serialize(request));
  pending_.emplace(tx, pending);
  spdlog::debug("janus: → {} ({})", verb, tx);
  auto [ec] = co_await pending->timer.async_wait(kUse);
  (void)ec;
  if (auto it = pending_.find(tx); it != pending_.end() && it->second == pending) pending_.erase(it);
  if (pending->reply) co_return std::move(*pending->reply);
  if (pending->failure) {
    spdlog::debug("janus: {} ({}) failed: {}", verb, tx, pending->failure->what());
    throw *pending->failure;
  }
  throw JanusError(JanusError::Kind::timeout, 0, verb + " timed out after " + std::to_string(timeout.count()) + " ms");
}

void JanusConnection::send_forget(json::object request) {
  if (!link_) return;
  request["transaction"] = util::random_lower_alnum(16);
  if (!options_.api_secret.empty()) request["apisecret"] = options_.api_secret;
  send(json::serialize(request));
}

void JanusConnection::dispatch(std::string_view text) {
  auto message = parse_janus_message(text);
  if (!message) {
    spdlog::warn("janus: ignoring a message that is not Janus API JSON ({} bytes)", text.size());
    return;
  }
  auto& m = *message;
  if (!m.transaction.empty()) {
    if (auto it = pending_.find(m.transaction); it != pending_.end()) {
      auto pending = it->second;
      // An asynchronous plugin request: the plugin's event with the same transaction follows.
      if (m.janus == "ack" && !pending->ack_final) return;
      pending_.erase(it);
      if (m.failure) pending->failure.emplace(m.failure->kind, m.failure->code, m.failure->reason);
      else pending->reply = std::move(m);
      pending->timer.cancel();
      return;
    }
    // Answers to requests that timed out or were fire-and-forget.
    if (m.janus == "ack" || m.janus == "success" || m.janus == "error") return;
  }

  JanusEvent event{m.janus, std::move(m.plugin_data), std::move(m.jsep), std::move(m.raw)};
  if (m.janus == "timeout") {
    spdlog::warn("janus: session {} timed out", m.session_id);
    sessions_.erase(m.session_id);
    std::vector<std::uint64_t> of_session;
    for (const auto& [id, h] : handles_)
      if (h.session == m.session_id) of_session.push_back(id);
    for (auto id : of_session) deliver(id, event);
    return;
  }
  if (m.sender) {
    deliver(m.sender, event);
    if (m.janus == "detached") handles_.erase(m.sender);
    return;
  }
  spdlog::debug("janus: unrouted '{}' message", m.janus);
}

void JanusConnection::deliver(std::uint64_t handle, const JanusEvent& event) {
  auto it = handles_.find(handle);
  if (it == handles_.end() || !it->second.handler) return;
  auto handler = it->second.handler;  // the handler may drop its handle while it runs
  try {
    handler(event);
  } catch (const std::exception& e) {
    spdlog::error("janus: the handler of handle {} threw on '{}': {}", handle, event.type, e.what());
  }
}

// --- JanusClient -------------------------------------------------------------

std::shared_ptr<JanusClient> JanusClient::create(asio::any_io_executor executor, JanusClientOptions options) {
  return std::shared_ptr<JanusClient>(
      new JanusClient(std::make_shared<JanusConnection>(std::move(executor), std::move(options))));
}

JanusClient::JanusClient(std::shared_ptr<JanusConnection> connection) : connection_(std::move(connection)) {}

JanusClient::~JanusClient() { connection_->close(); }

asio::awaitable<void> JanusClient::connect() {
  auto connection = connection_;
  co_await connection->connect();
}

void JanusClient::close() { connection_->close(); }

bool JanusClient::connected() const { return connection_->connected(); }

void JanusClient::on_lost(std::function<void(const std::string&)> callback) {
  connection_->set_on_lost(std::move(callback));
}

asio::awaitable<json::object> JanusClient::info() {
  auto connection = connection_;
  json::object request{{"janus", "info"}};
  auto reply = co_await connection->call(std::move(request), false, connection->options().request_timeout);
  co_return std::move(reply.raw);
}

asio::awaitable<std::shared_ptr<JanusSession>> JanusClient::create_session() {
  auto connection = connection_;
  const auto generation = connection->generation();
  json::object request{{"janus", "create"}};
  auto reply = co_await connection->call(std::move(request), false, connection->options().request_timeout);
  std::uint64_t id = 0;
  if (auto* data = reply.raw.if_contains("data"); data && data->is_object()) id = json_id(data->get_object(), "id");
  if (!id) throw JanusError(JanusError::Kind::protocol, 0, "create answered without a session id");
  connection->add_session(id);
  co_return std::shared_ptr<JanusSession>(new JanusSession(connection, id, generation));
}

// --- JanusSession ------------------------------------------------------------

JanusSession::JanusSession(std::shared_ptr<JanusConnection> connection, std::uint64_t id, std::uint64_t generation)
    : connection_(std::move(connection)), id_(id), generation_(generation) {}

JanusSession::~JanusSession() {
  if (ended_ || !connection_->alive(generation_)) return;
  connection_->remove_session(id_);
  connection_->send_forget(json::object{{"janus", "destroy"}, {"session_id", id_}});
}

asio::awaitable<std::shared_ptr<JanusHandle>> JanusSession::attach(std::string_view plugin_name,
                                                                   JanusEventHandler on_event) {
  auto self = shared_from_this();
  std::string plugin(plugin_name);
  if (ended_ || !connection_->alive(generation_)) throw connection_error("the session's connection to Janus is gone");
  json::object request{{"janus", "attach"}, {"session_id", id_}, {"plugin", plugin}};
  auto reply = co_await connection_->call(std::move(request), false, connection_->options().request_timeout);
  std::uint64_t id = 0;
  if (auto* data = reply.raw.if_contains("data"); data && data->is_object()) id = json_id(data->get_object(), "id");
  if (!id) throw JanusError(JanusError::Kind::protocol, 0, "attach answered without a handle id");
  connection_->add_handle(id, id_, std::move(on_event));
  co_return std::shared_ptr<JanusHandle>(new JanusHandle(self, id, std::move(plugin)));
}

asio::awaitable<void> JanusSession::destroy() {
  auto self = shared_from_this();
  if (ended_) co_return;
  ended_ = true;
  // On a lost connection Janus has already destroyed it.
  if (!connection_->alive(generation_)) co_return;
  connection_->remove_session(id_);
  json::object request{{"janus", "destroy"}, {"session_id", id_}};
  co_await connection_->call(std::move(request), false, connection_->options().request_timeout);
}

// --- JanusHandle -------------------------------------------------------------

JanusHandle::JanusHandle(std::shared_ptr<JanusSession> session, std::uint64_t id, std::string plugin)
    : session_(std::move(session)), id_(id), plugin_(std::move(plugin)) {}

JanusHandle::~JanusHandle() {
  auto& connection = session_->connection_;
  if (ended_ || session_->ended_ || !connection->alive(session_->generation_)) return;
  connection->remove_handle(id_);
  connection->send_forget(json::object{{"janus", "detach"}, {"session_id", session_->id()}, {"handle_id", id_}});
}

namespace {

json::object handle_request(const char* verb, std::uint64_t session, std::uint64_t handle) {
  return json::object{{"janus", verb}, {"session_id", session}, {"handle_id", handle}};
}

}  // namespace

asio::awaitable<PluginReply> JanusHandle::message(json::object body) {
  return message(std::move(body), std::nullopt, session_->connection_->options().request_timeout);
}

asio::awaitable<PluginReply> JanusHandle::message(json::object body, json::object jsep) {
  return message(std::move(body), std::optional<json::object>(std::move(jsep)),
                 session_->connection_->options().request_timeout);
}

asio::awaitable<PluginReply> JanusHandle::message(json::object body, std::optional<json::object> jsep,
                                                  std::chrono::milliseconds timeout) {
  auto session = session_;
  auto connection = session->connection_;
  if (ended_ || session->ended_ || !connection->alive(session->generation_))
    throw connection_error("the handle's connection to Janus is gone");
  auto request = handle_request("message", session->id(), id_);
  request["body"] = std::move(body);
  if (jsep) request["jsep"] = std::move(*jsep);
  auto reply = co_await connection->call(std::move(request), false, timeout);
  co_return PluginReply{std::move(reply.plugin_data), std::move(reply.jsep)};
}

asio::awaitable<void> JanusHandle::trickle(json::object candidate) {
  auto session = session_;
  auto connection = session->connection_;
  if (ended_ || !connection->alive(session->generation_)) throw connection_error("the handle's connection to Janus is gone");
  auto request = handle_request("trickle", session->id(), id_);
  request["candidate"] = std::move(candidate);
  co_await connection->call(std::move(request), true, connection->options().request_timeout);
}

asio::awaitable<void> JanusHandle::trickle_completed() {
  json::object completed{{"completed", true}};
  co_await trickle(std::move(completed));
}

asio::awaitable<void> JanusHandle::hangup() {
  auto session = session_;
  auto connection = session->connection_;
  if (ended_ || !connection->alive(session->generation_)) throw connection_error("the handle's connection to Janus is gone");
  auto request = handle_request("hangup", session->id(), id_);
  co_await connection->call(std::move(request), false, connection->options().request_timeout);
}

asio::awaitable<void> JanusHandle::detach() {
  auto session = session_;
  auto connection = session->connection_;
  if (ended_) co_return;
  ended_ = true;
  if (session->ended_ || !connection->alive(session->generation_)) co_return;
  connection->remove_handle(id_);
  auto request = handle_request("detach", session->id(), id_);
  co_await connection->call(std::move(request), false, connection->options().request_timeout);
}

}  // namespace bluemeet::media
