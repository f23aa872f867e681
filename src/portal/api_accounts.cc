// Local accounts: the session (who am I, sign in, sign out) and sign-up.
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "portal/api.h"
#include "portal/db/invitations.h"
#include "portal/db/mail.h"
#include "portal/mail_texts.h"
#include "portal/password.h"
#include "portal/service.h"
#include "util/crypto.h"
#include "util/random.h"
#include "util/text.h"

namespace asio = boost::asio;
namespace json = boost::json;

namespace bluemeet::portal {

using net::HttpResponse;

namespace {

constexpr std::int64_t kSessionSeconds = 14 * 24 * 3600;

std::string cookie(std::string_view name, std::string_view value, std::int64_t max_age, bool secure,
                   std::string_view same_site) {
  std::string c = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=" +
                  std::string(same_site) + "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

bool plausible_email(std::string_view e) {
  auto at = e.find('@');
  return e.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < e.size() &&
         e.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
}

json::object site_json(const SiteSettings& s) {
  return {{"name", s.name},
          {"registration", s.registration},
          {"primaryColor", s.primary_color},
          {"logoUrl", s.logo.empty() ? json::value(nullptr)
                                     : json::value("/api/v1/site/logo?v=" + std::to_string(s.logo_version))},
          {"termsUrl", s.terms_url},
          {"privacyUrl", s.privacy_url},
          {"accessibilityUrl", s.accessibility_url},
          {"helpUrl", s.help_url},
          // The ways to sign in here, one button each in the app (SAML, OIDC and LTI join "local").
          {"authMethods", json::array{"local"}},
          {"defaultLanguage", s.default_language}};
}

constexpr util::Millis kVerifyTokenTtl = 24 * 3600'000;
constexpr util::Millis kResetTokenTtl = 3600'000;

}  // namespace

asio::awaitable<void> PortalApi::open_session(HttpResponse& r, const db::User& user) {
  std::string token = util::random_alnum(43);
  auto hash = util::hex_digest(util::HashAlg::sha256, token);
  auto now = util::now_millis();
  std::int64_t id = user.id;
  co_await svc_.store().run([&](store::Connection& conn) {
    db::delete_expired_sessions(conn, now);
    db::create_session(conn, hash, id, now, now + kSessionSeconds * 1000);
    db::record_login(conn, id, now);
  });
  bool secure = svc_.config().secure_cookies;
  r.with_header("Set-Cookie", cookie("bm_session", token, kSessionSeconds, secure, "Lax"));
  // A new CSRF token with the new session: one fixed before sign-in is worth nothing after.
  r.with_header("Set-Cookie", cookie("bm_csrf", util::random_alnum(32), kSessionSeconds, secure, "Strict"));
}

asio::awaitable<void> PortalApi::mail_token(const db::User& user, const std::string& purpose) {
  std::string token = util::random_alnum(43);
  auto hash = util::hex_digest(util::HashAlg::sha256, token);
  auto now = util::now_millis();
  const auto& base = svc_.config().public_url;
  bool verify = purpose == "verify";
  auto text = verify ? verification_mail(user.language, svc_.settings().name, user.name, base + "/verify?token=" + token)
                     : reset_mail(user.language, svc_.settings().name, user.name, base + "/reset/confirm?token=" + token);
  std::int64_t id = user.id;
  const std::string& email = user.email;
  util::Millis expires = now + (verify ? kVerifyTokenTtl : kResetTokenTtl);
  // The token and its mail commit together: no mail for a token that was not stored, no token without its mail.
  co_await svc_.store().run([&](store::Connection& conn) {
    store::Transaction tx(conn);
    db::create_token(conn, hash, id, purpose, now, expires);
    db::queue_mail(conn, email, text.subject, text.body, now);
    tx.commit();
  });
  svc_.mail_queued();
}

asio::awaitable<HttpResponse> PortalApi::get_session(Call& c) {
  std::string csrf(c.req.cookie("bm_csrf"));
  bool fresh = csrf.empty();
  if (fresh) csrf = util::random_alnum(32);
  json::object out{{"user", c.user ? json::value(user_json(*c.user)) : json::value(nullptr)},
                   {"csrfToken", csrf},
                   {"site", site_json(svc_.settings())}};
  auto r = json_response(out);
  if (fresh) r.with_header("Set-Cookie", cookie("bm_csrf", csrf, kSessionSeconds, svc_.config().secure_cookies, "Strict"));
  co_return r;
}

asio::awaitable<HttpResponse> PortalApi::sign_in(Call& c) {
  auto email = db::normalize_email(text_field(c.body, "email"));
  auto password = text_field(c.body, "password");
  auto now = util::now_millis();
  if (auto wait = svc_.throttled_for(email, c.req.remote_address, now); wait > 0) {
    auto r = json_error(429, "throttled", "Too many failed attempts; try again in " + std::to_string(wait) + " seconds.");
    r.with_header("Retry-After", std::to_string(wait));
    co_return r;
  }
  if (email.empty() || password.empty() || password.size() > kMaxPasswordLength)
    co_return json_error(401, "invalidCredentials", "Wrong email or password.");
  auto user = co_await svc_.store().run([&](store::Connection& conn) { return db::user_by_email(conn, email); });
  // An unknown email costs the same hashing as a known one.
  std::string encoded = user ? user->password_hash : std::string();
  bool ok = co_await svc_.verify_password(password, encoded);
  if (!user || !ok) {
    svc_.sign_in_failed(email, c.req.remote_address, now);
    co_return json_error(401, "invalidCredentials", "Wrong email or password.");
  }
  svc_.sign_in_succeeded(email);
  if (user->status == "pending") co_return json_error(403, "pendingApproval", "An administrator has not approved this account yet.");
  if (user->status == "disabled") co_return json_error(403, "disabled", "This account is disabled.");
  if (!user->verified) co_return json_error(403, "unverified", "Confirm your email address first: follow the link we sent.");

  auto r = json_response(json::object{{"user", user_json(*user)}});
  co_await open_session(r, *user);
  co_return r;
}

asio::awaitable<HttpResponse> PortalApi::sign_out(Call& c) {
  if (auto token = c.req.cookie("bm_session"); !token.empty()) {
    auto hash = util::hex_digest(util::HashAlg::sha256, token);
    co_await svc_.store().run([&](store::Connection& conn) { db::delete_session(conn, hash); });
  }
  auto r = no_content();
  bool secure = svc_.config().secure_cookies;
  r.with_header("Set-Cookie", cookie("bm_session", "", 0, secure, "Lax"));
  r.with_header("Set-Cookie", cookie("bm_csrf", util::random_alnum(32), kSessionSeconds, secure, "Strict"));
  co_return r;
}

asio::awaitable<HttpResponse> PortalApi::sign_up(Call& c) {
  const auto& site = svc_.settings();
  db::NewUser u;
  u.name = std::string(util::trim(text_field(c.body, "name")));
  u.email = db::normalize_email(text_field(c.body, "email"));
  auto password = text_field(c.body, "password");
  auto language = text_field(c.body, "language");
  u.language = language == "it" ? "it" : language == "en" ? "en" : site.default_language;
  if (u.name.empty() || u.name.size() > 100) co_return json_error(422, "invalidField", "Give a name of 1 to 100 characters.", "name");
  if (!plausible_email(u.email)) co_return json_error(422, "invalidField", "Give a valid email address.", "email");
  if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength)
    co_return json_error(422, "weakPassword", "Choose a password of at least 8 characters.", "password");
  auto now = util::now_millis();
  // An invitation opens registration by invitation, and vouches for the address it was mailed to.
  std::optional<db::Invitation> invitation;
  if (auto token = text_field(c.body, "inviteToken"); !token.empty()) {
    auto hash = util::hex_digest(util::HashAlg::sha256, token);
    invitation = co_await svc_.store().run([&](store::Connection& conn) { return db::invitation_by_token(conn, hash, now); });
  }
  if (site.registration == "invite" && !invitation)
    co_return json_error(403, "registrationClosed", "Accounts are by invitation only.");
  if (invitation && invitation->email != u.email)
    co_return json_error(422, "inviteMismatch", "Sign up with the address the invitation was sent to.", "email");
  u.status = site.registration == "approval" && !invitation ? "pending" : "active";
  u.verified = invitation || !svc_.mail_enabled();  // without mail there is no way to verify: the account works at once
  u.password_hash = co_await svc_.hash_password(password);
  std::optional<db::User> created;
  bool invitation_used = true;
  try {
    created = co_await svc_.store().run([&](store::Connection& conn) -> std::optional<db::User> {
      store::Transaction tx(conn);
      if (invitation && !db::use_invitation(conn, invitation->id, now)) {
        invitation_used = false;  // someone else's sign-up took it a moment ago
        return std::nullopt;
      }
      auto user = db::create_user(conn, u, now);
      tx.commit();
      return user;
    });
  } catch (const store::StoreError& e) {
    if (!e.constraint()) throw;
  }
  if (!invitation_used) co_return json_error(403, "registrationClosed", "This invitation has been used.");
  if (!created) co_return json_error(409, "emailTaken", "An account with this email exists; sign in instead.", "email");
  bool approval = created->status == "pending";
  bool verification = !created->verified;
  if (verification) co_await mail_token(*created, "verify");
  if (approval || verification)
    co_return json_response(json::object{{"user", nullptr}, {"verificationRequired", verification}, {"approvalRequired", approval}},
                            201);
  // Nothing else to wait for: signed in at once.
  auto r = json_response(json::object{{"user", user_json(*created)}, {"verificationRequired", false}, {"approvalRequired", false}},
                         201);
  co_await open_session(r, *created);
  co_return r;
}

asio::awaitable<HttpResponse> PortalApi::verify_email(Call& c) {
  auto hash = util::hex_digest(util::HashAlg::sha256, text_field(c.body, "token"));
  auto now = util::now_millis();
  auto user = co_await svc_.store().run([&](store::Connection& conn) -> std::optional<db::User> {
    store::Transaction tx(conn);
    auto id = db::use_token(conn, hash, "verify", now);
    if (!id) return std::nullopt;
    db::set_verified(conn, *id);
    tx.commit();
    const std::vector<store::Value> p{*id};
    auto rows = conn.query("SELECT public_id FROM users WHERE id = ?", p);
    return db::user_by_public_id(conn, rows.at(0).text(0));
  });
  if (!user) co_return json_error(400, "invalidToken", "This link is invalid or has expired.");
  auto r = json_response(json::object{{"user", user_json(*user)}});
  if (user->status == "active") co_await open_session(r, *user);
  co_return r;
}

asio::awaitable<HttpResponse> PortalApi::request_reset(Call& c) {
  auto email = db::normalize_email(text_field(c.body, "email"));
  auto user = co_await svc_.store().run([&](store::Connection& conn) { return db::user_by_email(conn, email); });
  // The same answer whether or not the account exists: this form tells nobody who has one.
  if (user && user->status == "active" && svc_.mail_enabled()) co_await mail_token(*user, "reset");
  json::object empty;
  co_return json_response(empty, 202);
}

asio::awaitable<HttpResponse> PortalApi::confirm_reset(Call& c) {
  auto password = text_field(c.body, "password");
  if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength)
    co_return json_error(422, "weakPassword", "Choose a password of at least 8 characters.", "password");
  auto hash = util::hex_digest(util::HashAlg::sha256, text_field(c.body, "token"));
  auto now = util::now_millis();
  auto id = co_await svc_.store().run([&](store::Connection& conn) { return db::use_token(conn, hash, "reset", now); });
  if (!id) co_return json_error(400, "invalidToken", "This link is invalid or has expired.");
  auto encoded = co_await svc_.hash_password(password);
  std::int64_t user_id = *id;
  co_await svc_.store().run([&](store::Connection& conn) {
    db::set_password(conn, user_id, encoded);
    db::set_verified(conn, user_id);  // the mail reached them: the address is theirs
  });
  co_return no_content();
}

}  // namespace bluemeet::portal
