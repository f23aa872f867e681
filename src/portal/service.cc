#include "portal/service.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <spdlog/spdlog.h>

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

PortalService::PortalService(asio::io_context& io, PortalConfig config) : io_(io), config_(std::move(config)) {
  gateway_ = std::make_unique<GatewayClient>(io_.get_executor(), config_.gateway_url, config_.secret);
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

void PortalService::stop() {}

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
      {"forcedRoomOptions", json::serialize(forced)}};
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
