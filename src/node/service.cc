#include "node/service.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <filesystem>
#include <spdlog/spdlog.h>

#include "net/service_runner.h"
#include "net/url.h"
#include "node/node_store.h"
#include "node/payloads.h"
#include "node/session_json.h"

namespace asio = boost::asio;

namespace bluemeet::node {
NodeService::NodeService(asio::io_context& io, NodeConfig config)
    : io_(io), config_(std::move(config)), http_(io.get_executor()), tick_timer_(io) {
  auto algs = bbb::AlgorithmSet::parse(config_.checksum_algorithms);
  if (!algs) throw std::invalid_argument("--checksum-algorithms: expected a list of sha1, sha256, sha384, sha512");
  checksum_.algorithms = *algs;
  checksum_.allow_empty_query_post = config_.allow_empty_query_post;
  secrets_.push_back(config_.secret);
  registry_.set_voice_bridge_digits(config_.defaults.voice_bridge_digits);
  presentations_ = std::make_unique<PresentationFiles>(io.get_executor(),
                                                       std::filesystem::path(config_.data_dir) / "presentations");
  media_ = std::make_unique<MediaService>(
      io, config_.media, config_.data_dir,
      MediaService::Hooks{[this](const std::string& id) { return registry_.by_internal(id); },
                          [this](Meeting& m, const Events& events) { dispatch(m, events); }});
}

NodeService::~NodeService() { stop(); }

asio::awaitable<void> NodeService::start() {
  std::filesystem::create_directories(config_.data_dir);
  store_ = store::Store::open("sqlite:" + (std::filesystem::path(config_.data_dir) / "node.db").string());
  store_->migrate(node_migrations());
  auto saved = co_await store_->run([](store::Connection& c) { return load_running_meetings(c); });
  for (const auto& s : saved) {
    auto params = bbb::Params::parse(s.params);
    if (!params) continue;
    auto parsed = parse_create(*params, config_.defaults);
    if (auto* opts = std::get_if<CreateOptions>(&parsed)) {
      opts->attendee_pw = s.attendee_pw;
      opts->moderator_pw = s.moderator_pw;
      Meeting* m = registry_.restore(std::move(*opts), s.internal_id, s.create_time, s.voice_bridge);
      m->finish_messages(config_.public_url);
      for (auto& d : presentations_->load(s.internal_id)) m->add_document(std::move(d.doc), d.current);
    }
  }
  if (!saved.empty()) spdlog::info("restored {} meetings from {}", saved.size(), config_.data_dir);
  for (auto& h : co_await store_->run([](store::Connection& c) { return load_hooks(c); })) hooks_.add(std::move(h));
  outbox_ = std::make_unique<delivery::Outbox>(io_.get_executor(), *store_, http_);
  co_await outbox_->start();
  local_recordings_ = std::make_unique<LocalRecordings>(std::filesystem::path(config_.data_dir) / "recordings",
                                                       config_.public_url);
  std::string spool = config_.spool_dir;
  if (!config_.upload_url.empty()) {
    // No shared storage: tars wait in an outbox of the node's own until the gateway has them.
    auto outbox = std::filesystem::path(config_.data_dir) / "recordings" / "outbox";
    spool = outbox.string();
    uploader_ = std::make_unique<RecordingUploader>(outbox, config_.upload_url, config_.secret);
    uploader_->start();
  }
  recorder_ = std::make_unique<Recorder>(config_.data_dir, spool, *local_recordings_, config_.public_url);
  if (uploader_) recorder_->on_spooled([u = uploader_.get()] { u->wake(); });
  recorder_->start();
  co_await media_->start();
  net::spawn_logged(io_, tick_loop(), "meeting timer");
}

void NodeService::stop() {
  stopped_ = true;
  tick_timer_.cancel();
  if (outbox_) outbox_->stop();
  if (recorder_) recorder_->stop();
  if (uploader_) uploader_->stop();
  // Janus gets its SIGTERM; should the loop end first, it dies with the node (PR_SET_PDEATHSIG).
  net::spawn_logged(io_, media_->stop(), "media: stopping");
}

std::string NodeService::client_url(const std::string& token) const {
  return config_.public_url + "/client/join?sessionToken=" + token;
}

std::string NodeService::logout_url_for(const Meeting* m, const User* u) const {
  if (u && !u->logout_url.empty()) return u->logout_url;
  if (m && !m->options().logout_url.empty()) return m->options().logout_url;
  if (!config_.defaults.logout_url.empty()) return config_.defaults.logout_url;
  return config_.public_url + "/";
}

std::string NodeService::welcome_for(const Meeting& m, const User& u) const {
  return session::welcome(m, u, logout_url_for(&m, &u), media_->welcome_info(m, u));
}

asio::awaitable<void> NodeService::tick_loop() {
  while (!stopped_) {
    tick_timer_.expires_after(std::chrono::seconds(1));
    co_await tick_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopped_) break;
    auto now = this->now();
    for (Meeting* m : registry_.all()) dispatch(*m, m->tick(now));
    for (const auto& id : registry_.purge(now, config_.ended_retention_minutes * 60'000LL)) {
      sockets_.erase(id);
      presentations_->remove(id);
    }
  }
}

asio::awaitable<void> NodeService::on_created(Meeting& m, const bbb::Params& params) {
  SavedMeeting s{m.internal_id(),           m.external_id(),           m.create_time(), m.voice_bridge(),
                 m.options().attendee_pw, m.options().moderator_pw, params.encode()};
  try {
    co_await store_->run([&](store::Connection& c) { save_meeting(c, s); });
  } catch (const std::exception& e) {
    // The meeting runs; only its survival across a restart is at risk.
    spdlog::error("cannot save meeting {}: {}", m.internal_id(), e.what());
  }
  fire_webhook(m, "meeting-created", webhook_meeting_created(m, now()));
}

asio::awaitable<void> NodeService::add_documents(const std::string& internal_id, std::vector<DocumentSource>& sources) {
  std::vector<DocumentSource> later;
  for (auto& source : sources) {
    if (source.url.empty()) co_await add_document(internal_id, source);
    else later.push_back(std::move(source));
  }
  if (!later.empty())
    net::spawn_logged(io_, fetch_documents(internal_id, std::move(later)), "presentation download for " + internal_id);
}

asio::awaitable<void> NodeService::fetch_documents(std::string internal_id, std::vector<DocumentSource> sources) {
  for (auto& source : sources) {
    co_await presentations_->fetch(source);
    if (!source.bytes.empty()) co_await add_document(internal_id, source);
  }
}

asio::awaitable<void> NodeService::add_document(const std::string& internal_id, DocumentSource& source) {
  Meeting* m = registry_.by_internal(internal_id);
  if (!m || m->ended() || m->presentation().docs.size() >= kMaxDocumentsPerMeeting) co_return;
  const std::string id = m->reserve_document_id();
  auto stored = co_await presentations_->store(internal_id, id, source);
  m = registry_.by_internal(internal_id);  // it may have been purged meanwhile
  if (stored && m) dispatch(*m, m->add_document(std::move(stored->doc), stored->current));
}

void NodeService::send_presentation(const Meeting& m) {
  auto mit = sockets_.find(m.internal_id());
  if (mit == sockets_.end()) return;
  for (const auto& [uid, conns] : mit->second) {
    const User* u = m.user(uid);
    if (!u || !u->in_meeting) continue;
    auto message = session::presentation(m, *u);
    for (const auto& ws : conns) ws->send(message);
  }
}

void NodeService::enqueue(delivery::Delivery d) {
  if (!outbox_) return;
  std::string kind = d.kind;
  net::spawn_logged(io_, outbox_->enqueue(std::move(d)), "cannot queue " + kind);
}

void NodeService::fire_webhook(const Meeting& m, std::string_view event_id, const std::string& event_json) {
  if (recorder_) recorder_->capture(m, event_id, event_json, now());
  auto targets = hooks_.matching(event_id, m.external_id());
  if (targets.empty()) return;
  auto domain = net::parse_http_url(config_.public_url);
  auto body = bbb::webhook_body(domain ? domain->host : "localhost", event_json, now());
  for (const Hook* h : targets) {
    enqueue(delivery::Delivery{"webhook",
                               net::Method::post,
                               bbb::webhook_signed_url(h->callback_url, body, config_.secret),
                               {{"Content-Type", "application/x-www-form-urlencoded"}},
                               body});
  }
}

void NodeService::dispatch(Meeting& m, const Events& events) {
  for (const auto& e : events) {
    std::visit(
        [&](const auto& ev) {
          using T = std::decay_t<decltype(ev)>;
          if constexpr (std::is_same_v<T, ev::UserJoined> || std::is_same_v<T, ev::UserLeft>) {
            const User* u = m.user(ev.user_id);
            if (!u) return;
            constexpr bool joined = std::is_same_v<T, ev::UserJoined>;
            if constexpr (joined) broadcast_about(m, *u, session::user_joined(*u));
            else broadcast_about(m, *u, session::user_left(u->user_id));
            fire_webhook(m, joined ? "user-joined" : "user-left", webhook_user(m, *u, joined, now()));
          } else if constexpr (std::is_same_v<T, ev::UserUpdated>) {
            if (const User* u = m.user(ev.user_id)) broadcast_about(m, *u, session::user_updated(*u));
          } else if constexpr (std::is_same_v<T, ev::Chat>) {
            broadcast(m, session::chat(ev.message));
            fire_webhook(m, "chat-group-message-sent", webhook_chat(m, ev.message, m.user(ev.message.user_id), now()));
          } else if constexpr (std::is_same_v<T, ev::GuestsChanged>) {
            broadcast(m, session::guests(m), true);
          } else if constexpr (std::is_same_v<T, ev::GuestAdmitted>) {
            if (const User* u = m.user(ev.user_id))
              send_to_user(m, u->user_id, welcome_for(m, *u));
          } else if constexpr (std::is_same_v<T, ev::GuestDenied>) {
            const User* u = m.user(ev.user_id);
            close_user_sockets(m, ev.user_id, session::denied(logout_url_for(&m, u)));
          } else if constexpr (std::is_same_v<T, ev::LockChanged>) {
            broadcast(m, session::lock(m.lock()), true);
            // What a viewer may see can change with the lock: give viewers a fresh picture.
            for (const User* u : m.attendees())
              if (u->role == Role::viewer)
                send_to_user(m, u->user_id, welcome_for(m, *u));
          } else if constexpr (std::is_same_v<T, ev::UserRemoved>) {
            const User* u = m.user(ev.user_id);
            close_user_sockets(m, ev.user_id, session::ended("removed", logout_url_for(&m, u)));
          } else if constexpr (std::is_same_v<T, ev::PresenterAssigned>) {
            if (const User* u = m.user(ev.user_id))
              fire_webhook(m, "user-presenter-assigned", webhook_presenter(m, *u, now()));
          } else if constexpr (std::is_same_v<T, ev::RecordingChanged>) {
            media_->on_recording(m, ev.recording);
            broadcast(m, session::recording(ev.recording));
            fire_webhook(m, ev.recording ? "meeting-recording-started" : "meeting-recording-stopped",
                         webhook_recording(m, ev.recording, m.user(ev.user_id), now()));
          } else if constexpr (std::is_same_v<T, ev::PresentationChanged>) {
            send_presentation(m);
            if (recorder_) recorder_->capture(m, "presentation-changed", presentation_event(m, ev.user_id, now()), now());
          } else if constexpr (std::is_same_v<T, ev::MediaMute>) {
            media_->on_mute(m, ev.user_id, ev.muted);
          } else if constexpr (std::is_same_v<T, ev::MutedAll>) {
            broadcast(m, session::media_muted_all(ev.muted));
          } else if constexpr (std::is_same_v<T, ev::MediaRevoked>) {
            media_->on_revoked(m, ev.user_id, ev.source);
          } else if constexpr (std::is_same_v<T, ev::Ended>) {
            spdlog::info("meeting {} ended ({})", m.internal_id(), end_reason_name(ev.reason));
            on_ended(m);
            media_->on_meeting_ended(m.internal_id());
          }
        },
        e);
  }
}

void NodeService::on_ended(Meeting& m) {
  // Everyone's page goes to their own logout URL.
  auto it = sockets_.find(m.internal_id());
  if (it != sockets_.end()) {
    std::vector<std::string> users;
    for (const auto& [uid, conns] : it->second) users.push_back(uid);
    for (const auto& uid : users)
      close_user_sockets(m, uid, session::ended("ended", logout_url_for(&m, m.user(uid))));
    sockets_.erase(m.internal_id());
  }
  fire_webhook(m, "meeting-ended", webhook_meeting_ended(m, now()));
  if (recorder_) recorder_->ended(m, now());
  const auto& o = m.options();
  if (!o.is_breakout) {
    for (const auto& [k, v] : o.metadata)
      if (k == "endcallbackurl" && net::parse_http_url(v))
        enqueue({"end-callback", net::Method::get, end_callback_url(v, m), {}, {}});
    if (net::parse_http_url(o.meeting_ended_url))
      enqueue({"end-callback", net::Method::get, end_callback_url(o.meeting_ended_url, m), {}, {}});
  }
  for (const auto& [k, v] : o.metadata) {
    if (k == "analytics-callback-url" && net::parse_http_url(v)) {
      enqueue({"analytics",
               net::Method::post,
               v,
               {{"Content-Type", "application/json"},
                {"Authorization", analytics_authorization(config_.secret, now())},
                {"User-Agent", "BigBlueButton Analytics Callback"}},
               analytics_body(m)});
    }
  }
  net::spawn_logged(
      io_,
      [](store::Store& s, std::string id, util::Millis t) -> asio::awaitable<void> {
        co_await s.run([&](store::Connection& c) { mark_meeting_ended(c, id, t); });
      }(*store_, m.internal_id(), m.end_time()),
      "cannot record the end of " + m.internal_id());
}

asio::awaitable<std::int64_t> NodeService::add_hook(Hook h) {
  auto id = co_await store_->run([&h](store::Connection& c) { return insert_hook(c, h); });
  h.id = id;
  hooks_.add(std::move(h));
  co_return id;
}

asio::awaitable<bool> NodeService::remove_hook(std::int64_t id) {
  if (!hooks_.remove(id)) co_return false;
  co_await store_->run([id](store::Connection& c) { delete_hook(c, id); });
  co_return true;
}

void NodeService::attach(Meeting& m, const std::string& user_id, const std::shared_ptr<net::WebSocketConnection>& ws) {
  sockets_[m.internal_id()][user_id].push_back(ws);
}

void NodeService::detach(const std::string& internal_id, const std::string& user_id, const net::WebSocketConnection* ws) {
  auto mit = sockets_.find(internal_id);
  if (mit == sockets_.end()) return;
  auto uit = mit->second.find(user_id);
  if (uit == mit->second.end()) return;
  std::erase_if(uit->second, [&](const auto& c) { return c.get() == ws; });
  if (uit->second.empty()) mit->second.erase(uit);
}

void NodeService::send_to_user(const Meeting& m, const std::string& user_id, const std::string& message) {
  auto mit = sockets_.find(m.internal_id());
  if (mit == sockets_.end()) return;
  auto uit = mit->second.find(user_id);
  if (uit == mit->second.end()) return;
  for (const auto& ws : uit->second) ws->send(message);
}

void NodeService::broadcast(const Meeting& m, const std::string& message, bool moderators_only) {
  auto mit = sockets_.find(m.internal_id());
  if (mit == sockets_.end()) return;
  for (const auto& [uid, conns] : mit->second) {
    const User* u = m.user(uid);
    // Waiting guests see nothing of the meeting until they are admitted.
    if (!u || !u->in_meeting) continue;
    if (moderators_only && u->role != Role::moderator) continue;
    for (const auto& ws : conns) ws->send(message);
  }
}

void NodeService::broadcast_about(const Meeting& m, const User& subject, const std::string& message) {
  auto mit = sockets_.find(m.internal_id());
  if (mit == sockets_.end()) return;
  for (const auto& [uid, conns] : mit->second) {
    const User* u = m.user(uid);
    if (!u || !u->in_meeting || !m.can_see(*u, subject)) continue;
    for (const auto& ws : conns) ws->send(message);
  }
}

void NodeService::close_user_sockets(const Meeting& m, const std::string& user_id, const std::string& final_message) {
  auto mit = sockets_.find(m.internal_id());
  if (mit == sockets_.end()) return;
  auto uit = mit->second.find(user_id);
  if (uit == mit->second.end()) return;
  auto conns = std::move(uit->second);
  mit->second.erase(uit);
  for (const auto& ws : conns) {
    ws->send(final_message);
    ws->close();
  }
}

NodeService::Stats NodeService::stats() {
  Stats s;
  for (Meeting* m : registry_.all()) {
    if (m->ended()) continue;
    ++s.meetings;
    s.participants += static_cast<std::size_t>(m->participant_count());
  }
  for (const auto& [mid, users] : sockets_)
    for (const auto& [uid, conns] : users) s.sockets += conns.size();
  s.hooks = hooks_.size();
  s.pending_deliveries = outbox_ ? outbox_->pending() : 0;
  s.media = media_->enabled();
  s.media_use = media_->stats();
  return s;
}

}  // namespace bluemeet::node
