// The portal's state around its API: the database, the gateway client, the
// site settings (cached; the database is the truth), password hashing off
// the event loop, and sign-in throttling.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mail/smtp_client.h"
#include "portal/config.h"
#include "portal/gateway_client.h"
#include "portal/room_rules.h"
#include "store/store.h"
#include "util/clock.h"

namespace bluemeet::portal {

struct SiteSettings {
  std::string name;
  std::string registration = "open";  // open, invite, approval
  std::string primary_color = "#1f4fd1";
  std::string default_language = "en";
  std::string default_visibility = "published";
  // Links every page shows (empty: none): the organization's terms, privacy
  // and accessibility statements (the AgID statement for Italian public
  // bodies; the privacy URL is also what IDEM's metadata asks for) and help.
  std::string terms_url, privacy_url, accessibility_url, help_url;
  RoomOptions default_room_options;
  std::vector<std::string> forced_room_options;
  // The logo (kept in the database, so several portal instances share it), and its version for cache-busting URLs.
  std::string logo, logo_type;
  std::int64_t logo_version = 0;
};

class PortalService {
 public:
  PortalService(boost::asio::io_context& io, PortalConfig config);
  ~PortalService();

  boost::asio::awaitable<void> start();  // migrations, settings, the first administrator
  void stop();

  const PortalConfig& config() const { return config_; }
  store::Store& store() { return *store_; }
  GatewayClient& gateway() { return *gateway_; }
  const SiteSettings& settings() const { return settings_; }
  // Where large uploads (presentations) are streamed before they go into the
  // database: the data directory's uploads/, else the system's temporary directory.
  const std::string& upload_dir() const { return upload_dir_; }
  boost::asio::awaitable<void> save_settings(const SiteSettings& s);

  // argon2id on a worker thread: a sign-in never stalls other requests.
  // Arguments by reference to named values: GCC 12 destroys temporaries in a
  // co_await expression twice (see store.h), so callers never pass one here.
  boost::asio::awaitable<std::string> hash_password(const std::string& password);
  // An empty `encoded` (no such account) is checked against a decoy, at the same cost.
  boost::asio::awaitable<bool> verify_password(const std::string& password, const std::string& encoded);

  // Sign-in throttling per email and per address: after a few failures
  // within 15 minutes, further attempts wait; returns the seconds left, 0 when allowed.
  std::int64_t throttled_for(const std::string& email, const std::string& address, util::Millis now);
  void sign_in_failed(const std::string& email, const std::string& address, util::Millis now);
  void sign_in_succeeded(const std::string& email);

  // The end-of-meeting and callback URLs carry an HMAC of the room's meeting
  // ID, so nobody else can post to them (Greenlight's is unauthenticated).
  std::string callback_token(std::string_view meeting_id) const;

  // Mail: whether an SMTP server is configured (then new accounts verify
  // their address); queue_mail puts a message in the durable queue (inside
  // the caller's transaction) and mail_queued wakes the sender.
  bool mail_enabled() const { return smtp_.has_value(); }
  void mail_queued();

 private:
  boost::asio::awaitable<void> mail_loop();
  boost::asio::awaitable<void> send_due_mails();

  boost::asio::io_context& io_;
  PortalConfig config_;
  std::optional<mail::SmtpServer> smtp_;
  boost::asio::steady_timer mail_timer_;
  bool stopped_ = false;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<GatewayClient> gateway_;
  SiteSettings settings_;
  std::string upload_dir_;
  boost::asio::thread_pool hashing_{1};
  std::map<std::string, std::deque<util::Millis>> failures_;  // by "email:" / "addr:" key
};

}  // namespace bluemeet::portal
