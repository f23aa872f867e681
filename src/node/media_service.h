// The node's media: a Janus (started and supervised here, or one run by
// someone else), one AudioBridge room (mixed audio) and one VideoRoom room
// (webcams, screen shares) per meeting that uses media, and per client tab a
// Janus session whose handles carry that tab's peer connections.
//
// The browser only ever talks to the node (the session protocol's media*
// messages, docs/session-protocol.md); Janus's address, room ids and secrets
// never leave the node. Every request is checked against the meeting's
// rules (Meeting::may_publish and friends) before Janus carries anything,
// and what Janus reports goes back into the meeting's state (Meeting::media_*),
// which getMeetingInfo and the clients' user lists show.
//
// Runs on the node's io_context thread, like NodeService: no locks. A tab's
// messages are handled one at a time, in order (candidates after the offer
// they belong to); different tabs proceed concurrently.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "media/janus_client.h"
#include "media/janus_process.h"
#include "media/wake_signal.h"
#include "net/websocket.h"
#include "node/config.h"
#include "node/ice_servers.h"
#include "node/meeting.h"
#include "node/session_json.h"

namespace bluemeet::node {

class MediaService {
 public:
  // How it reaches the rest of the node.
  struct Hooks {
    std::function<Meeting*(const std::string& internal_id)> meeting;  // nullptr once purged
    std::function<void(Meeting&, const Events&)> dispatch;
  };

  MediaService(boost::asio::io_context& io, MediaConfig config, std::string data_dir, Hooks hooks);
  ~MediaService();

  // Starts or connects to Janus. Never throws: without Janus the node runs
  // and says why media is off.
  boost::asio::awaitable<void> start();
  boost::asio::awaitable<void> stop();

  bool enabled() const { return enabled_; }
  const std::string& reason() const { return reason_; }
  // welcome.media for this user: {enabled, reason?, iceServers, mutedAll}.
  boost::json::object welcome_info(const Meeting& m, const User& u) const;

  // A media* message from one tab of `user_id` in meeting `m`.
  void handle(Meeting& m, const std::string& user_id, const std::shared_ptr<net::WebSocketConnection>& ws,
              session::ClientMessage msg);
  // The tab closed: its peer connections and Janus session end.
  void closed(Meeting* m, const net::WebSocketConnection* ws);
  // What the meeting decided and Janus must follow.
  void on_mute(Meeting& m, const std::string& user_id, bool muted);
  void on_revoked(Meeting& m, const std::string& user_id, MediaSource source);
  void on_meeting_ended(const std::string& internal_id);
  // Recording started or paused: Janus records the mix and the publishers only meanwhile.
  void on_recording(Meeting& m, bool on);

  struct Stats {
    std::size_t rooms = 0, peers = 0, feeds = 0;
  };
  Stats stats() const { return {rooms_.size(), peers_.size(), feeds_.size()}; }

 private:
  struct Rooms {
    std::uint64_t audio = 0, video = 0;
    std::string secret;
    bool ready = false;
  };
  // One tab's media.
  struct Peer {
    std::string internal_id, user_id;
    std::weak_ptr<net::WebSocketConnection> ws;
    std::shared_ptr<media::JanusSession> session;
    std::shared_ptr<media::JanusHandle> audio, camera, screen, subscriber;
    std::uint64_t audio_id = 0, camera_feed = 0, screen_feed = 0;
    std::deque<session::ClientMessage> inbox;
    bool busy = false, closed = false;
    // The subscriber's negotiation: an offer is out until the tab answers.
    std::set<std::uint64_t> subscribed;
    bool offer_out = false, resync = false;
  };
  struct Feed {
    std::string internal_id, user_id;
    MediaSource source;
    bool live = false;  // Janus takes subscribers only once the publisher's connection is up (webrtcup)
  };

  boost::asio::awaitable<void> connect_loop();
  void lost(const std::string& why);
  void kick(const std::shared_ptr<Peer>& peer);  // runs its queue unless that is running
  boost::asio::awaitable<void> drain(std::shared_ptr<Peer> peer);
  boost::asio::awaitable<void> step(const std::shared_ptr<Peer>& peer, const session::ClientMessage& msg);
  boost::asio::awaitable<Rooms*> ensure_rooms(const std::string& internal_id);
  boost::asio::awaitable<void> ensure_session(Peer& peer);
  boost::asio::awaitable<void> join_audio(const std::shared_ptr<Peer>& peer, const session::ClientMessage& msg);
  boost::asio::awaitable<void> publish(const std::shared_ptr<Peer>& peer, const session::ClientMessage& msg);
  boost::asio::awaitable<void> stop_pc(Peer& peer, const std::string& pc, const std::string& reason);
  boost::asio::awaitable<void> sync_subscriber(Peer& peer);
  boost::asio::awaitable<void> answer_subscriber(Peer& peer, const std::string& sdp);
  void relay_offer(Peer& peer, const boost::json::object& data, const boost::json::object& jsep);
  void resync_meeting(const std::string& internal_id);  // every tab's subscriber follows the feeds
  std::shared_ptr<media::JanusHandle>* handle_for(Peer& peer, const std::string& pc);
  media::JanusEventHandler events_for(std::shared_ptr<Peer> peer, std::string pc);
  void send(Peer& peer, const std::string& message);
  void apply(const std::string& internal_id, const std::function<Events(Meeting&)>& f);
  std::uint64_t new_id();
  // <data>/recordings/raw/<internal ID>/media: Janus's files and media.jsonl, which says
  // when each recorded stretch began and whose each feed is (for the Recorder).
  std::filesystem::path media_dir(const std::string& internal_id) const;
  void note(const std::string& internal_id, boost::json::object line);
  boost::asio::awaitable<void> set_recording(const std::string& internal_id, bool on);

  boost::asio::io_context& io_;
  MediaConfig config_;
  std::string data_dir_;
  Hooks hooks_;
  IceServerSettings ice_;
  bool enabled_ = false;
  bool stopping_ = false;
  std::string reason_ = "audio and video are starting";
  std::string url_, api_secret_;
  std::unique_ptr<media::JanusProcess> process_;
  std::shared_ptr<media::JanusClient> client_;
  // Rooms are made and destroyed through a session of the node's own.
  std::shared_ptr<media::JanusSession> control_;
  std::shared_ptr<media::JanusHandle> control_audio_, control_video_;
  std::map<std::string, Rooms> rooms_;  // by internal meeting ID
  media::WakeSignal rooms_settled_;     // a meeting's rooms became ready, or failed
  std::map<const net::WebSocketConnection*, std::shared_ptr<Peer>> peers_;
  std::map<std::uint64_t, Feed> feeds_;
  std::map<std::uint64_t, std::pair<std::string, std::string>> audio_ids_;  // AudioBridge id -> (meeting, user)
};

}  // namespace bluemeet::node
