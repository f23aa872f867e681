#include "portal/service.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <spdlog/spdlog.h>

#include "net/service_runner.h"
#include "net/url.h"
#include "portal/db/mail.h"
#include "portal/db/schema.h"
#include "portal/db/settings.h"
#include "portal/db/users.h"
#include "portal/password.h"
#include "util/crypto.h"
#include "util/random.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::portal {
namespace {

// Per account, few; per address more, since a campus may sit behind one NAT address.
constexpr std::size_t kMaxFailuresPerEmail = 5;
constexpr std::size_t kMaxFailuresPerAddress = 50;
constexpr util::Millis kWindow = 15 * 60'000;
constexpr std::size_t kMaxTracked = 100'000;  // throttling state stays bounded under a spray of addresses

// "Sun, 06 Dec 2026 11:00:00 +0000"
std::string rfc5322_date(util::Millis t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

SiteSettings settings_from(const std::map<std::string, std::string>& kv, const std::string& fallback_name) {
  SiteSettings s;
  auto get = [&](const char* k, std::string& field) {
    if (auto it = kv.find(k); it != kv.end()) field = it->second;
  };
  s.name = fallback_name;
  get("name", s.name);
  get("registration", s.registration);
  get("primaryColor", s.primary_color);
  get("defaultLanguage", s.default_language);
  get("defaultVisibility", s.default_visibility);
  get("logoType", s.logo_type);
  get("termsUrl", s.terms_url);
  get("privacyUrl", s.privacy_url);
  get("accessibilityUrl", s.accessibility_url);
  get("helpUrl", s.help_url);
  if (auto it = kv.find("logo"); it != kv.end()) s.logo = util::base64_decode(it->second).value_or(std::string());
  if (auto it = kv.find("logoVersion"); it != kv.end()) s.logo_version = std::atoll(it->second.c_str());
  if (auto it = kv.find("defaultRoomOptions"); it != kv.end())
    s.default_room_options = options_from_json_text(it->second, RoomOptions{});
  if (auto it = kv.find("forcedRoomOptions"); it != kv.end()) {
    boost::system::error_code ec;
    auto v = json::parse(it->second, ec);
    if (!ec && v.is_array())
      for (const auto& item : v.as_array())
        if (item.is_string()) s.forced_room_options.emplace_back(item.as_string());
  }
  return s;
}

}  // namespace

PortalService::PortalService(asio::io_context& io, PortalConfig config)
    : io_(io), config_(std::move(config)), mail_timer_(io) {
  gateway_ = std::make_unique<GatewayClient>(io_.get_executor(), config_.gateway_url, config_.secret);
  auto uploads = config_.data_dir.empty() ? std::filesystem::temp_directory_path()
                                          : std::filesystem::path(config_.data_dir) / "uploads";
  std::filesystem::create_directories(uploads);
  upload_dir_ = uploads.string();

  if (!config_.smtp_url.empty()) {
    smtp_ = mail::parse_smtp_url(config_.smtp_url);
    // The URL may hold a password: it is never repeated in the message.
    if (!smtp_)
      throw std::invalid_argument(
          "--smtp must be smtp://host[:port], smtp+starttls://[user:password@]host[:port] or "
          "smtps://[user:password@]host[:port] (credentials only with TLS)");
    smtp_->ca_file = config_.smtp_ca_file;
  }
  if (config_.mail_from.empty()) {
    auto url = net::parse_http_url(config_.public_url);
    config_.mail_from = "noreply@" + (url ? url->host : std::string("localhost"));
  }
}

PortalService::~PortalService() { hashing_.join(); }

asio::awaitable<void> PortalService::start() {
  std::string url = config_.db_url;
  if (url.empty()) {
    std::filesystem::create_directories(config_.data_dir);
    url = "sqlite:" + (std::filesystem::path(config_.data_dir) / "portal.db").string();
  }
  store_ = store::Store::open(url);
  store_->migrate(db::portal_migrations());
  auto kv = co_await store_->run([](store::Connection& c) { return db::load_settings(c); });
  settings_ = settings_from(kv, config_.site_name);

  if (smtp_) net::spawn_logged(io_, mail_loop(), "mail sender");
  if (!config_.admin_email.empty()) {
    auto users = co_await store_->run([](store::Connection& c) { return db::count_users(c); });
    if (users == 0) {
      db::NewUser admin;
      admin.name = "Administrator";
      admin.email = config_.admin_email;
      admin.password_hash = co_await hash_password(config_.admin_password);
      admin.role = "Administrator";
      auto now = util::now_millis();
      co_await store_->run([&](store::Connection& c) { return db::create_user(c, admin, now); });
      spdlog::info("created the first administrator, {}", config_.admin_email);
    }
  }
}

void PortalService::stop() {
  stopped_ = true;
  mail_timer_.cancel();
}

void PortalService::mail_queued() { mail_timer_.cancel(); }

asio::awaitable<void> PortalService::mail_loop() {
  while (!stopped_) {
    co_await send_due_mails();
    mail_timer_.expires_after(std::chrono::seconds(5));
    co_await mail_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

asio::awaitable<void> PortalService::send_due_mails() {
  auto now = util::now_millis();
  auto due = co_await store_->run([&](store::Connection& c) { return db::due_mails(c, now, 20); });
  auto domain = mail::address_of(config_.mail_from).substr(mail::address_of(config_.mail_from).find('@') + 1);
  for (const auto& m : due) {
    mail::Message msg{config_.mail_from, m.recipient, m.subject, m.body};
    std::string date = rfc5322_date(util::now_millis());
    std::string id = util::random_lower_alnum(24) + "@" + domain;
    std::string error;
    bool permanent = false;
    try {
      co_await mail::send_mail(io_.get_executor(), *smtp_, msg, date, id);
    } catch (const mail::SmtpError& e) {
      error = e.what();
      permanent = e.permanent();
    }
    std::int64_t mail_id = m.id;
    if (error.empty()) {
      co_await store_->run([&](store::Connection& c) { db::mail_sent(c, mail_id); });
      continue;
    }
    // 5 s doubling to an hour, for about three days; a 5xx answer is final.
    std::optional<std::int64_t> next;
    if (!permanent && m.attempts < 80) next = util::now_millis() + std::min<std::int64_t>(5'000LL << std::min<std::int64_t>(m.attempts, 10), 3'600'000);
    spdlog::warn("mail {} to a user could not be sent{}: {}", mail_id, next ? " (will retry)" : "", error);
    co_await store_->run([&](store::Connection& c) { db::mail_not_sent(c, mail_id, next, error); });
    if (!permanent) break;  // the server is away: the rest waits too
  }
}

asio::awaitable<void> PortalService::save_settings(const SiteSettings& s) {
  json::array forced;
  for (const auto& f : s.forced_room_options) forced.emplace_back(f);
  std::vector<std::pair<std::string, std::string>> kv{
      {"name", s.name},
      {"registration", s.registration},
      {"primaryColor", s.primary_color},
      {"defaultLanguage", s.default_language},
      {"defaultVisibility", s.default_visibility},
      {"defaultRoomOptions", json::serialize(to_json(s.default_room_options))},
      {"forcedRoomOptions", json::serialize(forced)},
      {"termsUrl", s.terms_url},
      {"privacyUrl", s.privacy_url},
      {"accessibilityUrl", s.accessibility_url},
      {"helpUrl", s.help_url},
      {"logo", util::base64_encode(s.logo)},
      {"logoType", s.logo_type},
      {"logoVersion", std::to_string(s.logo_version)}};
  co_await store_->run([&](store::Connection& c) {
    store::Transaction tx(c);
    for (const auto& [k, v] : kv) db::save_setting(c, k, v);
    tx.commit();
  });
  settings_ = s;
}

// The work is a named local, moved into co_spawn: GCC 12 destroys owning
// temporaries in a co_await expression twice (see store.h).
asio::awaitable<std::string> PortalService::hash_password(const std::string& password) {
  auto work = [p = password]() -> asio::awaitable<std::string> { co_return portal::hash_password(p); };
  co_return co_await asio::co_spawn(hashing_, std::move(work), asio::use_awaitable);
}

asio::awaitable<bool> PortalService::verify_password(const std::string& password, const std::string& encoded) {
  auto work = [p = password, e = encoded]() -> asio::awaitable<bool> {
    co_return portal::verify_password(p, e.empty() ? decoy_hash() : e);
  };
  co_return co_await asio::co_spawn(hashing_, std::move(work), asio::use_awaitable);
}

std::int64_t PortalService::throttled_for(const std::string& email, const std::string& address, util::Millis now) {
  std::int64_t wait = 0;
  for (const auto& [key, limit] : {std::pair{"email:" + email, kMaxFailuresPerEmail},
                                    std::pair{"addr:" + address, kMaxFailuresPerAddress}}) {
    auto it = failures_.find(key);
    if (it == failures_.end()) continue;
    auto& times = it->second;
    while (!times.empty() && times.front() <= now - kWindow) times.pop_front();
    if (times.size() >= limit) wait = std::max<std::int64_t>(wait, (times.front() + kWindow - now) / 1000 + 1);
  }
  return wait;
}

void PortalService::sign_in_failed(const std::string& email, const std::string& address, util::Millis now) {
  if (failures_.size() > kMaxTracked) failures_.clear();
  for (const auto& [key, limit] : {std::pair{"email:" + email, kMaxFailuresPerEmail},
                                    std::pair{"addr:" + address, kMaxFailuresPerAddress}}) {
    auto& times = failures_[key];
    times.push_back(now);
    if (times.size() > limit) times.pop_front();
  }
}

void PortalService::sign_in_succeeded(const std::string& email) { failures_.erase("email:" + email); }

std::string PortalService::callback_token(std::string_view meeting_id) const {
  return util::base64url_encode(util::hmac(util::HashAlg::sha256, config_.secret, meeting_id));
}

}  // namespace bluemeet::portal
