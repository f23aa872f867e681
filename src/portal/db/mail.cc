#include "portal/db/mail.h"

namespace bluemeet::portal::db {

using store::Value;

void queue_mail(store::Connection& c, const std::string& recipient, const std::string& subject, const std::string& body,
                std::int64_t now) {
  const std::vector<Value> p{recipient, subject, body, now, now};
  c.exec("INSERT INTO mails (recipient, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)", p);
}

std::vector<QueuedMail> due_mails(store::Connection& c, std::int64_t now, int limit) {
  std::vector<QueuedMail> out;
  const std::vector<Value> p{now, std::int64_t{limit}};
  for (const auto& r : c.query("SELECT id, recipient, subject, body, attempts FROM mails "
                               "WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                               p))
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4)});
  return out;
}

void mail_sent(store::Connection& c, std::int64_t id) {
  const std::vector<Value> p{id};
  c.exec("UPDATE mails SET state = 'sent', attempts = attempts + 1, last_error = '' WHERE id = ?", p);
}

void mail_not_sent(store::Connection& c, std::int64_t id, std::optional<std::int64_t> next, const std::string& error) {
  const std::vector<Value> p{next ? Value{*next} : Value{std::int64_t{0}}, next ? "queued" : "failed",
                             error.substr(0, 500), id};
  c.exec("UPDATE mails SET next_attempt_at = ?, state = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?", p);
}

void create_token(store::Connection& c, const std::string& token_hash, std::int64_t user_id, const std::string& purpose,
                  std::int64_t now, std::int64_t expires_at) {
  const std::vector<Value> old{user_id, purpose};
  c.exec("DELETE FROM email_tokens WHERE user_id = ? AND purpose = ?", old);
  const std::vector<Value> p{token_hash, user_id, purpose, now, expires_at};
  c.exec("INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)", p);
}

std::optional<std::int64_t> use_token(store::Connection& c, const std::string& token_hash, const std::string& purpose,
                                      std::int64_t now) {
  const std::vector<Value> p{token_hash, purpose, now};
  auto rows = c.query("DELETE FROM email_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ? RETURNING user_id", p);
  if (rows.empty()) return std::nullopt;
  return rows.front().integer(0);
}

void set_verified(store::Connection& c, std::int64_t user_id) {
  const std::vector<Value> p{user_id};
  c.exec("UPDATE users SET verified = 1 WHERE id = ?", p);
}

void set_password(store::Connection& c, std::int64_t user_id, const std::string& password_hash) {
  store::Transaction tx(c);
  const std::vector<Value> p{password_hash, user_id};
  c.exec("UPDATE users SET password_hash = ? WHERE id = ?", p);
  const std::vector<Value> s{user_id};
  c.exec("DELETE FROM sessions WHERE user_id = ?", s);
  tx.commit();
}

}  // namespace bluemeet::portal::db
