// MediaService, one tab at a time: its messages queue and run in order; each
// peer connection of the tab is a handle of the tab's Janus session.
//
// Feeds are the VideoRoom publishers (a camera or a screen of one user); a
// tab's subscriber connection carries the feeds its user may see, and is
// renegotiated (Janus offers, the tab answers) when that set changes.
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "media/janus_room_requests.h"
#include "net/service_runner.h"
#include "node/media_service.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::node {
namespace {

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::uint64_t id_of(const json::value* v) {
  if (!v) return 0;
  if (v->is_uint64()) return v->as_uint64();
  if (v->is_int64() && v->as_int64() > 0) return static_cast<std::uint64_t>(v->as_int64());
  return 0;
}

json::object offer_of(const std::string& sdp) { return {{"type", "offer"}, {"sdp", sdp}}; }

}  // namespace

void MediaService::send(Peer& peer, const std::string& message) {
  if (auto ws = peer.ws.lock(); ws && ws->is_open()) ws->send(message);
}

std::shared_ptr<media::JanusHandle>* MediaService::handle_for(Peer& peer, const std::string& pc) {
  if (pc == "audio") return &peer.audio;
  if (pc == "camera") return &peer.camera;
  if (pc == "screen") return &peer.screen;
  if (pc == "subscriber") return &peer.subscriber;
  return nullptr;
}

void MediaService::handle(Meeting& m, const std::string& user_id, const std::shared_ptr<net::WebSocketConnection>& ws,
                          session::ClientMessage msg) {
  if (!enabled_ && !msg.type.starts_with("_")) {
    ws->send(session::media_error(session::media_pc(msg), "mediaUnavailable",
                                  reason_.empty() ? "Audio and video are not available." : reason_));
    return;
  }
  auto& peer = peers_[ws.get()];
  if (!peer) {
    peer = std::make_shared<Peer>();
    peer->internal_id = m.internal_id();
    peer->user_id = user_id;
    peer->ws = ws;
  }
  peer->inbox.push_back(std::move(msg));
  kick(peer);
}

void MediaService::kick(const std::shared_ptr<Peer>& peer) {
  if (peer->busy) return;  // the running drain will get to it
  peer->busy = true;
  net::spawn_logged(io_, drain(peer), "media: a tab's messages");
}

asio::awaitable<void> MediaService::drain(std::shared_ptr<Peer> peer) {
  while (!peer->inbox.empty() && !peer->closed && !stopping_) {
    session::ClientMessage msg = std::move(peer->inbox.front());
    peer->inbox.pop_front();
    bool failed = false;
    try {
      co_await step(peer, msg);
    } catch (const std::exception& e) {
      spdlog::warn("media: {} of user {} in {} failed: {}", msg.type, peer->user_id, peer->internal_id, e.what());
      failed = true;
    }
    if (failed && !peer->closed) {
      // Janus refused or went away: the tab's connection for this ends, and the tab hears why.
      std::string pc = msg.type == "mediaPublish" ? msg.source : msg.type == "mediaAudioJoin" ? "audio" : msg.pc;
      auto* h = handle_for(*peer, pc);
      if (h && *h) co_await stop_pc(*peer, pc, "failed");
      else if (h) send(*peer, session::media_stopped(pc, "failed"));
    }
  }
  peer->busy = false;
}

asio::awaitable<void> MediaService::step(const std::shared_ptr<Peer>& peer, const session::ClientMessage& msg) {
  Meeting* m = hooks_.meeting(peer->internal_id);
  if (!m || m->ended() || !enabled_) co_return;
  auto refuse = [&](std::string_view code, std::string_view text) {
    send(*peer, session::media_error(session::media_pc(msg), code, text));
  };
  if (msg.type == "mediaAudioJoin") co_return co_await join_audio(peer, msg);
  if (msg.type == "mediaPublish") co_return co_await publish(peer, msg);
  if (msg.type == "mediaAnswer") {
    if (msg.pc != "subscriber" || msg.sdp.empty()) co_return refuse("badRequest", "Only the subscriber connection is answered.");
    co_return co_await answer_subscriber(*peer, msg.sdp);
  }
  if (msg.type == "mediaCandidate") {
    auto* h = handle_for(*peer, msg.pc);
    if (!h || !*h) co_return;  // late candidates of a connection that ended
    auto handle = *h;          // it may be replaced while we wait
    if (msg.candidate.is_null()) co_return co_await handle->trickle_completed();
    if (!msg.candidate.is_object()) co_return refuse("badRequest", "A candidate is an object or null.");
    co_return co_await handle->trickle(msg.candidate.as_object());
  }
  if (msg.type == "mediaStop") {
    if (!handle_for(*peer, msg.pc)) co_return refuse("badRequest", "No such connection.");
    co_await stop_pc(*peer, msg.pc, "ended");
    // A page that stops its subscriber wants a fresh one (after a failure): it gets a new offer.
    if (msg.pc == "subscriber") co_await sync_subscriber(*peer);
    co_return;
  }
  if (msg.type == "mediaMute" || msg.type == "mediaMuteAll") {
    ActionError err = ActionError::none;
    std::string target = msg.user_id.empty() ? peer->user_id : msg.user_id;
    Events events = msg.type == "mediaMute" ? m->set_muted(peer->user_id, target, msg.flag, err)
                                            : m->mute_all(peer->user_id, msg.flag, msg.except_presenter, err);
    if (err == ActionError::forbidden) refuse("forbidden", "You are not allowed to do that.");
    if (err == ActionError::locked) refuse("locked", "A moderator has locked the microphone for viewers.");
    if (err == ActionError::not_found) refuse("notFound", "That user is not in the audio.");
    hooks_.dispatch(*m, events);
    co_return;
  }
  // Internal steps, queued so that they follow what the tab asked before.
  if (msg.type == "_configure" && peer->audio) {
    auto handle = peer->audio;
    json::object body{{"request", "configure"}, {"muted", msg.flag}};
    co_await handle->message(std::move(body));
    co_return;
  }
  if (msg.type == "_revoke") co_return co_await stop_pc(*peer, msg.pc, "revoked");
  if (msg.type == "_failed") co_return co_await stop_pc(*peer, msg.pc, "failed");
  if (msg.type == "_sync") co_return co_await sync_subscriber(*peer);
  if (msg.type == "_offer" && msg.candidate.is_object()) {
    // An offer Janus made by itself (a publisher left): relayed in turn.
    const auto& o = msg.candidate.as_object();
    relay_offer(*peer, o.at("data").as_object(), o.at("jsep").as_object());
  }
}

media::JanusEventHandler MediaService::events_for(std::shared_ptr<Peer> peer, std::string pc) {
  std::weak_ptr<Peer> weak = peer;
  return [this, weak, pc](const media::JanusEvent& e) {
    auto p = weak.lock();
    if (!p || p->closed) return;
    auto* h = handle_for(*p, pc);
    // Events of a handle this pc no longer uses (a rejoin replaced it) are stale.
    if (!h || !*h || id_of(e.message.if_contains("sender")) != (*h)->id()) return;
    if (e.type == "trickle") {
      const auto* c = e.message.if_contains("candidate");
      if (!c || !c->is_object()) return;
      const auto& cand = c->as_object();
      if (const auto* done = cand.if_contains("completed"); done && done->is_bool() && done->as_bool())
        send(*p, session::media_candidate(pc, nullptr));
      else
        send(*p, session::media_candidate(pc, cand));
      return;
    }
    if (e.type == "hangup" || e.type == "detached") {
      // Not ended here: this runs inside the handle's own callback.
      spdlog::info("media: Janus ended the {} connection of user {} ({})", pc, p->user_id, text_of(e.message, "reason"));
      session::ClientMessage failed;
      failed.type = "_failed";
      failed.pc = pc;
      p->inbox.push_back(std::move(failed));
      kick(p);
      return;
    }
    if (e.type == "webrtcup" && (pc == "camera" || pc == "screen")) {
      auto feed = feeds_.find(pc == "camera" ? p->camera_feed : p->screen_feed);
      if (feed != feeds_.end() && !feed->second.live) {
        feed->second.live = true;
        resync_meeting(p->internal_id);
      }
      return;
    }
    if (e.type != "event") return;
    if (pc == "audio") {
      auto what = text_of(e.data, "audiobridge");
      // Every participant's handle hears everyone's talking: each tab reports only its own.
      if ((what == "talking" || what == "stopped-talking") && id_of(e.data.if_contains("id")) == p->audio_id) {
        bool talking = what == "talking";
        apply(p->internal_id, [&](Meeting& m) { return m.media_talking(p->user_id, talking); });
      }
      return;
    }
    if (pc == "subscriber" && e.jsep) {
      session::ClientMessage offer;
      offer.type = "_offer";
      offer.candidate = json::object{{"data", e.data}, {"jsep", *e.jsep}};
      p->inbox.push_back(std::move(offer));
      kick(p);
    }
  };
}

asio::awaitable<void> MediaService::ensure_session(Peer& peer) {
  if (!peer.session) peer.session = co_await client_->create_session();
}

asio::awaitable<void> MediaService::join_audio(const std::shared_ptr<Peer>& peer, const session::ClientMessage& msg) {
  Meeting* m = hooks_.meeting(peer->internal_id);
  const User* u = m ? m->user(peer->user_id) : nullptr;
  if (!u || !u->in_meeting) co_return;
  if (msg.sdp.empty()) co_return send(*peer, session::media_error("audio", "badRequest", "An audio join needs an SDP offer."));
  if (peer->audio) co_await stop_pc(*peer, "audio", "ended");
  Rooms* rooms = co_await ensure_rooms(peer->internal_id);
  const std::uint64_t room = rooms->audio;
  co_await ensure_session(*peer);
  media::JanusEventHandler on_event = events_for(peer, "audio");  // named: no owning temporary in a co_await (GCC 12)
  auto handle = co_await peer->session->attach(media::kAudioBridgePlugin, std::move(on_event));
  // Whether the microphone starts muted is the meeting's call; asked again after the wait.
  m = hooks_.meeting(peer->internal_id);
  u = m ? m->user(peer->user_id) : nullptr;
  if (!u || !u->in_meeting) co_return;
  bool muted = msg.listen_only || m->options().mute_on_start || m->muted_by_moderator() || !m->may_speak(*u);
  const std::uint64_t id = new_id();
  json::object body{{"request", "join"}, {"room", room}, {"id", id}, {"display", u->name}, {"muted", muted}};
  json::object jsep = offer_of(msg.sdp);
  peer->audio = handle;
  peer->audio_id = id;
  audio_ids_[id] = {peer->internal_id, peer->user_id};
  auto reply = co_await handle->message(std::move(body), std::move(jsep));
  if (!reply.jsep) throw media::JanusError(media::JanusError::Kind::protocol, 0, "no SDP answer to the audio join");
  send(*peer, session::media_answer("audio", text_of(*reply.jsep, "sdp")));
  auto mode = msg.listen_only ? MediaState::Audio::listen : MediaState::Audio::mic;
  apply(peer->internal_id, [&](Meeting& mm) { return mm.media_audio(peer->user_id, mode); });
}

asio::awaitable<void> MediaService::publish(const std::shared_ptr<Peer>& peer, const session::ClientMessage& msg) {
  if (msg.source != "camera" && msg.source != "screen")
    co_return send(*peer, session::media_error(msg.source, "badRequest", "A source is camera or screen."));
  const auto source = msg.source == "camera" ? MediaSource::camera : MediaSource::screen;
  Meeting* m = hooks_.meeting(peer->internal_id);
  const User* u = m ? m->user(peer->user_id) : nullptr;
  if (!u || !u->in_meeting) co_return;
  if (!m->may_publish(*u, source))
    co_return send(*peer, session::media_error(msg.source, source == MediaSource::camera ? "locked" : "forbidden",
                                         source == MediaSource::camera ? "A moderator has locked webcams for viewers."
                                                                       : "Only the presenter shares a screen."));
  if (msg.sdp.empty()) co_return send(*peer, session::media_error(msg.source, "badRequest", "Publishing needs an SDP offer."));
  if (*handle_for(*peer, msg.source)) co_await stop_pc(*peer, msg.source, "ended");
  Rooms* rooms = co_await ensure_rooms(peer->internal_id);
  const std::uint64_t room = rooms->video;
  co_await ensure_session(*peer);
  media::JanusEventHandler on_event = events_for(peer, msg.source);
  auto handle = co_await peer->session->attach(media::kVideoRoomPlugin, std::move(on_event));
  const std::uint64_t feed = new_id();
  json::object body{{"request", "joinandconfigure"}, {"ptype", "publisher"}, {"room", room},
                    {"id", feed},                    {"display", peer->user_id}};
  json::object jsep = offer_of(msg.sdp);
  *handle_for(*peer, msg.source) = handle;
  (source == MediaSource::camera ? peer->camera_feed : peer->screen_feed) = feed;
  // Known before Janus answers: its webrtcup (events_for) makes it live and may come at any time.
  feeds_[feed] = Feed{peer->internal_id, peer->user_id, source};
  auto reply = co_await handle->message(std::move(body), std::move(jsep));
  if (!reply.jsep) throw media::JanusError(media::JanusError::Kind::protocol, 0, "no SDP answer to the publisher");
  send(*peer, session::media_answer(msg.source, text_of(*reply.jsep, "sdp")));
  if (m = hooks_.meeting(peer->internal_id); m && m->options().record) {
    const User* who = m->user(peer->user_id);
    note(peer->internal_id, json::object{{"event", "publisher"},
                                         {"feed", feed},
                                         {"userId", peer->user_id},
                                         {"name", who ? who->name : std::string()},
                                         {"source", media_source_name(source)}});
  }
  apply(peer->internal_id, [&](Meeting& mm) { return mm.media_published(peer->user_id, source, true); });
  resync_meeting(peer->internal_id);
}

asio::awaitable<void> MediaService::stop_pc(Peer& peer, const std::string& pc, const std::string& reason) {
  auto* h = handle_for(peer, pc);
  if (!h || !*h) co_return;
  auto handle = std::move(*h);
  h->reset();
  if (reason != "ended") send(peer, session::media_stopped(pc, reason));
  const std::string internal_id = peer.internal_id, user = peer.user_id;
  if (pc == "audio") {
    audio_ids_.erase(peer.audio_id);
    apply(internal_id, [&](Meeting& m) { return m.media_audio(user, MediaState::Audio::none); });
  } else if (pc == "camera" || pc == "screen") {
    feeds_.erase(pc == "camera" ? peer.camera_feed : peer.screen_feed);
    auto source = pc == "camera" ? MediaSource::camera : MediaSource::screen;
    apply(internal_id, [&](Meeting& m) { return m.media_published(user, source, false); });
    resync_meeting(internal_id);
  } else {
    peer.subscribed.clear();
    peer.offer_out = peer.resync = false;
  }
  // Detaching ends the PeerConnection and, for a publisher, its feed for everyone.
  try {
    co_await handle->detach();
  } catch (const std::exception& e) {
    spdlog::debug("media: detaching the {} connection: {}", pc, e.what());
  }
}

void MediaService::resync_meeting(const std::string& internal_id) {
  for (auto& [ws, peer] : peers_) {
    if (peer->internal_id != internal_id || peer->closed) continue;
    session::ClientMessage sync;
    sync.type = "_sync";
    peer->inbox.push_back(std::move(sync));
    kick(peer);
  }
}

asio::awaitable<void> MediaService::sync_subscriber(Peer& peer) {
  if (peer.offer_out) {
    peer.resync = true;  // after the tab answers the offer it has
    co_return;
  }
  Meeting* m = hooks_.meeting(peer.internal_id);
  const User* me = m ? m->user(peer.user_id) : nullptr;
  if (!me) co_return;
  std::set<std::uint64_t> wanted;
  for (const auto& [feed, f] : feeds_) {
    if (f.internal_id != peer.internal_id || f.user_id == peer.user_id || !f.live) continue;
    const User* publisher = m->user(f.user_id);
    if (!publisher) continue;
    if (f.source == MediaSource::screen || m->sees_camera_of(*me, *publisher)) wanted.insert(feed);
  }
  if (wanted == peer.subscribed) co_return;
  auto stream_list = [](const std::set<std::uint64_t>& feeds) {
    json::array a;
    for (auto f : feeds) a.emplace_back(json::object{{"feed", f}});
    return a;
  };
  media::PluginReply reply;
  if (!peer.subscriber) {
    if (wanted.empty()) co_return;
    auto rooms = rooms_.find(peer.internal_id);
    if (rooms == rooms_.end() || !rooms->second.ready) co_return;
    const std::uint64_t room = rooms->second.video;
    co_await ensure_session(peer);
    auto self = peers_.find(peer.ws.lock().get());
    if (self == peers_.end()) co_return;
    media::JanusEventHandler on_event = events_for(self->second, "subscriber");
    auto handle = co_await peer.session->attach(media::kVideoRoomPlugin, std::move(on_event));
    peer.subscriber = handle;
    json::object body{{"request", "join"}, {"ptype", "subscriber"}, {"room", room}, {"streams", stream_list(wanted)}};
    reply = co_await handle->message(std::move(body));
  } else {
    std::set<std::uint64_t> add, drop;
    for (auto f : wanted)
      if (!peer.subscribed.contains(f)) add.insert(f);
    for (auto f : peer.subscribed)
      if (!wanted.contains(f)) drop.insert(f);
    json::object body{{"request", "update"}};
    if (!add.empty()) body["subscribe"] = stream_list(add);
    if (!drop.empty()) body["unsubscribe"] = stream_list(drop);
    auto handle = peer.subscriber;
    reply = co_await handle->message(std::move(body));
  }
  peer.subscribed = wanted;
  if (reply.jsep) relay_offer(peer, reply.data, *reply.jsep);
}

void MediaService::relay_offer(Peer& peer, const json::object& data, const json::object& jsep) {
  // Whose each stream is, by mid: the page shows a camera or a screen with its owner's name.
  json::array streams;
  if (const auto* list = data.if_contains("streams"); list && list->is_array()) {
    for (const auto& s : list->as_array()) {
      if (!s.is_object()) continue;
      const auto& so = s.as_object();
      auto feed = feeds_.find(id_of(so.if_contains("feed_id")));
      if (feed == feeds_.end()) continue;
      streams.emplace_back(json::object{{"mid", text_of(so, "mid")},
                                        {"userId", feed->second.user_id},
                                        {"source", media_source_name(feed->second.source)},
                                        {"kind", text_of(so, "type")}});
    }
  }
  peer.offer_out = true;
  send(peer, session::media_offer(text_of(jsep, "sdp"), std::move(streams)));
}

asio::awaitable<void> MediaService::answer_subscriber(Peer& peer, const std::string& sdp) {
  if (!peer.subscriber || !peer.offer_out) co_return;
  auto handle = peer.subscriber;
  json::object body{{"request", "start"}};
  json::object jsep{{"type", "answer"}, {"sdp", sdp}};
  co_await handle->message(std::move(body), std::move(jsep));
  peer.offer_out = false;
  if (peer.resync) {
    peer.resync = false;
    co_await sync_subscriber(peer);
  }
}

void MediaService::closed(Meeting* m, const net::WebSocketConnection* ws) {
  auto it = peers_.find(ws);
  if (it == peers_.end()) return;
  auto peer = std::move(it->second);
  peers_.erase(it);
  peer->closed = true;
  peer->inbox.clear();
  audio_ids_.erase(peer->audio_id);
  bool had_feeds = feeds_.erase(peer->camera_feed) + feeds_.erase(peer->screen_feed) > 0;
  if (m && (peer->audio || peer->camera || peer->screen)) {
    Events out = m->media_audio(peer->user_id, MediaState::Audio::none);
    for (auto s : {MediaSource::camera, MediaSource::screen})
      for (auto& e : m->media_published(peer->user_id, s, false)) out.push_back(std::move(e));
    hooks_.dispatch(*m, out);
  }
  // Dropping the session makes Janus destroy it, with every handle: the
  // publishers leave the room and the others' subscriptions follow.
  if (had_feeds) resync_meeting(peer->internal_id);
}

void MediaService::on_mute(Meeting& m, const std::string& user_id, bool muted) {
  for (auto& [ws, peer] : peers_) {
    if (peer->internal_id != m.internal_id() || peer->user_id != user_id || !peer->audio) continue;
    session::ClientMessage c;
    c.type = "_configure";
    c.flag = muted;
    peer->inbox.push_back(std::move(c));
    kick(peer);
  }
}

void MediaService::on_revoked(Meeting& m, const std::string& user_id, MediaSource source) {
  for (auto& [ws, peer] : peers_) {
    if (peer->internal_id != m.internal_id() || peer->user_id != user_id) continue;
    session::ClientMessage c;
    c.type = "_revoke";
    c.pc = std::string(media_source_name(source));
    peer->inbox.push_back(std::move(c));
    kick(peer);
  }
}

}  // namespace bluemeet::node
