// The running node: owns the meetings, the store, the outbox and the open
// client sockets, and turns what meetings report (events) into messages,
// webhooks and callbacks. Everything here runs on the node's one io_context
// thread, so meeting state needs no locks.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bbb/checksum.h"
#include "bbb/query.h"
#include "delivery/outbox.h"
#include "net/http_client.h"
#include "net/websocket.h"
#include "node/config.h"
#include "node/hooks.h"
#include "node/local_recordings.h"
#include "node/media_service.h"
#include "node/presentation_files.h"
#include "node/recorder.h"
#include "node/recording_uploader.h"
#include "node/registry.h"
#include "store/store.h"

namespace bluemeet::node {

class NodeService {
 public:
  NodeService(boost::asio::io_context& io, NodeConfig config);
  ~NodeService();

  // Opens the database, restores meetings and hooks, starts timers and the outbox.
  boost::asio::awaitable<void> start();
  void stop();

  const NodeConfig& config() const { return config_; }
  const bbb::ChecksumOptions& checksum_options() const { return checksum_; }
  const std::vector<std::string>& secrets() const { return secrets_; }
  MeetingRegistry& registry() { return registry_; }
  HookRegistry& hooks() { return hooks_; }
  const LocalRecordings& recordings() const { return *local_recordings_; }
  util::Millis now() const { return util::now_millis(); }
  std::string client_url(const std::string& session_token) const;
  std::string logout_url_for(const Meeting* m, const User* u) const;
  // The full-state message a user's client starts from (session protocol `welcome`).
  std::string welcome_for(const Meeting& m, const User& u) const;

  // A new meeting: persist it and announce it (meeting-created webhook).
  boost::asio::awaitable<void> on_created(Meeting& m, const bbb::Params& params);
  // Carries out what a meeting reported.
  void dispatch(Meeting& m, const Events& events);

  // Gives the meeting the documents of a <modules> body (create or
  // insertDocument): inline ones are stored before this returns, so a join
  // right after the create sees them; URL ones are fetched in the background.
  boost::asio::awaitable<void> add_documents(const std::string& internal_id, std::vector<DocumentSource>& sources);
  PresentationFiles& presentation_files() { return *presentations_; }
  MediaService& media() { return *media_; }

  boost::asio::awaitable<std::int64_t> add_hook(Hook h);
  boost::asio::awaitable<bool> remove_hook(std::int64_t id);

  // Client sockets of a user; the meeting is told when the first opens and the last closes.
  void attach(Meeting& m, const std::string& user_id, const std::shared_ptr<net::WebSocketConnection>& ws);
  void detach(const std::string& internal_id, const std::string& user_id, const net::WebSocketConnection* ws);
  // Sends to every socket of one user / of everyone admitted to the meeting.
  void send_to_user(const Meeting& m, const std::string& user_id, const std::string& message);
  void broadcast(const Meeting& m, const std::string& message, bool moderators_only = false);
  // Sends to those admitted users who may see `subject` (see Meeting::can_see).
  void broadcast_about(const Meeting& m, const User& subject, const std::string& message);

  struct Stats {
    std::size_t meetings = 0, participants = 0, sockets = 0, hooks = 0, pending_deliveries = 0;
    bool media = false;
    MediaService::Stats media_use;
  };
  Stats stats();

 private:
  boost::asio::awaitable<void> tick_loop();
  boost::asio::awaitable<void> add_document(const std::string& internal_id, DocumentSource& source);
  boost::asio::awaitable<void> fetch_documents(std::string internal_id, std::vector<DocumentSource> sources);
  // Everyone admitted gets the presentation, each with links of their own.
  void send_presentation(const Meeting& m);
  void fire_webhook(const Meeting& m, std::string_view event_id, const std::string& event_json);
  void enqueue(delivery::Delivery d);
  void on_ended(Meeting& m);
  void close_user_sockets(const Meeting& m, const std::string& user_id, const std::string& final_message);

  boost::asio::io_context& io_;
  NodeConfig config_;
  bbb::ChecksumOptions checksum_;
  std::vector<std::string> secrets_;
  std::unique_ptr<store::Store> store_;
  net::HttpClient http_;
  std::unique_ptr<delivery::Outbox> outbox_;
  std::unique_ptr<Recorder> recorder_;
  std::unique_ptr<RecordingUploader> uploader_;
  std::unique_ptr<LocalRecordings> local_recordings_;
  std::unique_ptr<PresentationFiles> presentations_;
  std::unique_ptr<MediaService> media_;
  MeetingRegistry registry_;
  HookRegistry hooks_;
  boost::asio::steady_timer tick_timer_;
  bool stopped_ = false;
  // internal meeting ID -> user ID -> open sockets
  std::map<std::string, std::map<std::string, std::vector<std::shared_ptr<net::WebSocketConnection>>>> sockets_;
};

}  // namespace bluemeet::node
