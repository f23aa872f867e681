// MediaService's life cycle: Janus started or reached, the node's own
// control session, the rooms of each meeting, and what a lost Janus means
// for everyone. The per-tab signalling is in media_peers.cc.
#include "node/media_service.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <spdlog/spdlog.h>

#include "media/janus_child.h"
#include "media/janus_room_requests.h"
#include "media/janus_rooms.h"
#include "net/service_runner.h"
#include "util/random.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::node {
namespace {

// A free port on 127.0.0.1 for the managed Janus's API (it binds it a moment later).
unsigned short free_loopback_port(asio::io_context& io) {
  asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

// "20000-40000"
std::pair<unsigned short, unsigned short> port_range(const std::string& text) {
  auto dash = text.find('-');
  if (dash == std::string::npos) throw std::invalid_argument("--media-ports: expected FIRST-LAST, e.g. 20000-40000");
  auto lo = std::stoul(text.substr(0, dash)), hi = std::stoul(text.substr(dash + 1));
  if (lo < 1024 || hi > 65535 || lo >= hi) throw std::invalid_argument("--media-ports: a range within 1024-65535");
  return {static_cast<unsigned short>(lo), static_cast<unsigned short>(hi)};
}

// "stun:host:port" -> host, port (Janus wants them apart).
void stun_for_janus(const std::string& url, media::JanusSettings& s) {
  if (!url.starts_with("stun:")) return;
  auto rest = url.substr(5);
  auto colon = rest.rfind(':');
  s.stun_server = colon == std::string::npos ? rest : rest.substr(0, colon);
  if (colon != std::string::npos) s.stun_port = static_cast<unsigned short>(std::stoul(rest.substr(colon + 1)));
}

}  // namespace

MediaService::MediaService(asio::io_context& io, MediaConfig config, std::string data_dir, Hooks hooks)
    : io_(io),
      config_(std::move(config)),
      data_dir_(std::move(data_dir)),
      hooks_(std::move(hooks)),
      rooms_settled_(io.get_executor()) {
  ice_.stun_urls = config_.stun_urls;
  ice_.turn_urls = config_.turn_urls;
  ice_.turn_secret = config_.turn_secret;
  ice_.ttl_seconds = config_.turn_ttl_seconds;
}

MediaService::~MediaService() = default;

asio::awaitable<void> MediaService::start() {
  if (config_.janus == "off") {
    reason_ = "audio and video are turned off on this server";
    spdlog::info("media: off (--janus off)");
    co_return;
  }
  if (config_.janus.empty() || config_.janus == "auto") {
    auto exe = media::find_executable(config_.janus_binary);
    if (!exe) {
      reason_ = "audio and video are not available: Janus is not installed on this server";
      spdlog::warn("media: off: no {} executable (install the janus package, or give --janus ws://...)",
                   config_.janus_binary);
      co_return;
    }
    media::JanusSettings s;
    s.working_dir = std::filesystem::absolute(std::filesystem::path(data_dir_) / "janus");
    s.ws_port = free_loopback_port(io_);
    s.api_secret = util::random_alnum(32);
    std::tie(s.rtp_port_min, s.rtp_port_max) = port_range(config_.rtp_ports);
    s.nat_1_1_ip = config_.public_ip;
    if (!config_.stun_urls.empty()) stun_for_janus(config_.stun_urls.front(), s);
    media::JanusProcessOptions o;
    o.executable = *exe;
    process_ = std::make_unique<media::JanusProcess>(io_.get_executor(), s, o);
    try {
      co_await process_->start();
    } catch (const std::exception& e) {
      reason_ = "audio and video are not available: the media server did not start";
      spdlog::error("media: off: {}", e.what());
      process_.reset();
      co_return;
    }
    url_ = process_->url();
    api_secret_ = s.api_secret;
    spdlog::info("media: Janus started (pid {}), API at {}", process_->pid(), url_);
  } else {
    url_ = config_.janus;
    api_secret_ = config_.janus_api_secret;
  }
  media::JanusClientOptions co;
  co.url = url_;
  co.api_secret = api_secret_;
  client_ = media::JanusClient::create(io_.get_executor(), co);
  client_->on_lost([this](const std::string& why) { lost(why); });
  net::spawn_logged(io_, connect_loop(), "media: Janus connection");
}

asio::awaitable<void> MediaService::stop() {
  stopping_ = true;
  enabled_ = false;
  peers_.clear();
  control_audio_.reset();
  control_video_.reset();
  control_.reset();
  if (client_) client_->close();
  if (process_) co_await process_->stop();
}

asio::awaitable<void> MediaService::connect_loop() {
  asio::steady_timer timer(io_);
  while (!stopping_) {
    if (!enabled_) {
      try {
        if (!client_->connected()) co_await client_->connect();
        auto session = co_await client_->create_session();
        // Named handlers: no owning temporary in a co_await expression (GCC 12).
        media::JanusEventHandler ignore_audio = [](const media::JanusEvent&) {}, ignore_video = ignore_audio;
        auto audio = co_await session->attach(media::kAudioBridgePlugin, std::move(ignore_audio));
        auto video = co_await session->attach(media::kVideoRoomPlugin, std::move(ignore_video));
        control_ = std::move(session);
        control_audio_ = std::move(audio);
        control_video_ = std::move(video);
        enabled_ = true;
        reason_.clear();
        spdlog::info("media: connected to Janus");
      } catch (const std::exception& e) {
        reason_ = "audio and video are reconnecting to the media server";
        spdlog::warn("media: cannot reach Janus: {}", e.what());
      }
    }
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

void MediaService::lost(const std::string& why) {
  if (stopping_) return;
  spdlog::warn("media: lost Janus ({}); ongoing audio and video end", why);
  enabled_ = false;
  reason_ = "audio and video are reconnecting to the media server";
  control_audio_.reset();
  control_video_.reset();
  control_.reset();
  rooms_.clear();
  feeds_.clear();
  audio_ids_.clear();
  // Janus took every session with it: each tab hears which of its connections ended.
  for (auto& [ws, peer] : peers_) {
    for (const char* pc : {"audio", "camera", "screen", "subscriber"}) {
      auto* h = handle_for(*peer, pc);
      if (!*h) continue;
      h->reset();
      send(*peer, session::media_stopped(pc, "failed"));
    }
    peer->session.reset();
    peer->subscribed.clear();
    peer->offer_out = peer->resync = false;
    const std::string user = peer->user_id;
    apply(peer->internal_id, [&](Meeting& m) {
      Events out = m.media_audio(user, MediaState::Audio::none);
      for (auto s : {MediaSource::camera, MediaSource::screen})
        for (auto& e : m.media_published(user, s, false)) out.push_back(std::move(e));
      return out;
    });
  }
}

json::object MediaService::welcome_info(const Meeting& m, const User& u) const {
  json::object o{{"enabled", enabled_},
                 {"iceServers", ice_servers(ice_, u.user_id, util::now_millis())},
                 {"mutedAll", m.muted_by_moderator()}};
  if (!enabled_) o["reason"] = reason_;
  return o;
}

asio::awaitable<MediaService::Rooms*> MediaService::ensure_rooms(const std::string& internal_id) {
  // Another tab of the meeting may be creating them: wait until it is done (or failed).
  for (;;) {
    auto it = rooms_.find(internal_id);
    if (it == rooms_.end()) break;
    if (it->second.ready) co_return &it->second;
    if (!co_await rooms_settled_.wait(std::chrono::seconds(10)))
      throw media::JanusError(media::JanusError::Kind::timeout, 0, "rooms not ready");
  }
  Rooms r{new_id(), new_id(), util::random_alnum(32), false};
  rooms_[internal_id] = r;
  Meeting* m = hooks_.meeting(internal_id);
  const bool recorded = m && m->options().record;
  try {
    media::AudioRoomOptions audio;
    audio.room = r.audio;
    audio.secret = r.secret;
    audio.description = internal_id;
    co_await media::create_audio_room(*control_audio_, audio);
    media::VideoRoomOptions video;
    video.room = r.video;
    video.secret = r.secret;
    video.description = internal_id;
    if (recorded) {
      // Publishers are recorded into the meeting's raw recording, but only
      // while recording runs (enable_recording): paused stretches never reach the disk.
      std::filesystem::create_directories(media_dir(internal_id));
      video.record_dir = media_dir(internal_id);
      auto body = media::video_room_create_request(video);
      body["record"] = false;
      co_await control_video_->message(std::move(body));
    } else {
      co_await media::create_video_room(*control_video_, video);
    }
  } catch (...) {
    rooms_.erase(internal_id);
    rooms_settled_.notify_all();
    throw;
  }
  auto& made = rooms_[internal_id];
  made.ready = true;
  rooms_settled_.notify_all();
  m = hooks_.meeting(internal_id);
  if (m && m->options().record && m->recording()) co_await set_recording(internal_id, true);
  co_return &rooms_[internal_id];
}

std::filesystem::path MediaService::media_dir(const std::string& internal_id) const {
  // Beside the events the Recorder keeps (recorder.h): processed with them when the meeting ends.
  return std::filesystem::absolute(std::filesystem::path(data_dir_) / "recordings" / "raw" / internal_id / "media");
}

void MediaService::note(const std::string& internal_id, json::object line) {
  line["at"] = util::now_millis();
  std::ofstream out(media_dir(internal_id) / "media.jsonl", std::ios::app | std::ios::binary);
  out << json::serialize(line) << "\n";
}

asio::awaitable<void> MediaService::set_recording(const std::string& internal_id, bool on) {
  auto it = rooms_.find(internal_id);
  if (it == rooms_.end() || !it->second.ready || !enabled_) co_return;
  const Rooms r = it->second;
  auto audio = control_audio_, video = control_video_;
  // One WAV of the mix per recorded stretch, named by when it starts.
  const std::string wav = "audio-" + std::to_string(util::now_millis()) + ".wav";
  json::object a{{"request", "enable_recording"}, {"room", r.audio}, {"secret", r.secret}, {"record", on}};
  if (on) {
    a["record_file"] = wav;
    a["record_dir"] = media_dir(internal_id).generic_string();
  }
  json::object v{{"request", "enable_recording"}, {"room", r.video}, {"secret", r.secret}, {"record", on}};
  co_await audio->message(std::move(a));
  co_await video->message(std::move(v));
  json::object line{{"event", on ? "recording-on" : "recording-off"}};
  if (on) line["audioFile"] = wav;
  note(internal_id, std::move(line));
}

void MediaService::on_recording(Meeting& m, bool on) {
  if (!m.options().record || !rooms_.contains(m.internal_id())) return;
  net::spawn_logged(io_, set_recording(m.internal_id(), on), "media: recording of " + m.internal_id());
}

void MediaService::on_meeting_ended(const std::string& internal_id) {
  auto it = rooms_.find(internal_id);
  if (it == rooms_.end()) return;
  Rooms r = it->second;
  rooms_.erase(it);
  std::erase_if(feeds_, [&](const auto& f) { return f.second.internal_id == internal_id; });
  std::erase_if(audio_ids_, [&](const auto& a) { return a.second.first == internal_id; });
  if (!enabled_ || !r.ready) return;
  auto audio = control_audio_, video = control_video_;
  net::spawn_logged(
      io_,
      [](std::shared_ptr<media::JanusHandle> a, std::shared_ptr<media::JanusHandle> v, Rooms rooms) -> asio::awaitable<void> {
        co_await media::destroy_room(*a, rooms.audio, rooms.secret);
        co_await media::destroy_room(*v, rooms.video, rooms.secret);
      }(audio, video, r),
      "media: destroying the rooms of " + internal_id);
}

void MediaService::apply(const std::string& internal_id, const std::function<Events(Meeting&)>& f) {
  if (Meeting* m = hooks_.meeting(internal_id)) hooks_.dispatch(*m, f(*m));
}

std::uint64_t MediaService::new_id() { return util::random_between(1, media::kMaxRoomId); }

}  // namespace bluemeet::node
