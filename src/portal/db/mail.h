// The mail queue and the one-use tokens mails carry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.h"

namespace bluemeet::portal::db {

struct QueuedMail {
  std::int64_t id = 0;
  std::string recipient, subject, body;
  std::int64_t attempts = 0;
};

void queue_mail(store::Connection& c, const std::string& recipient, const std::string& subject, const std::string& body,
                std::int64_t now);
std::vector<QueuedMail> due_mails(store::Connection& c, std::int64_t now, int limit);
void mail_sent(store::Connection& c, std::int64_t id);
// Another attempt at `next`, or given up ('failed') when next is empty.
void mail_not_sent(store::Connection& c, std::int64_t id, std::optional<std::int64_t> next, const std::string& error);

// Stores a token (by its hash) for a user; earlier tokens of the same purpose
// stop working. Two statements: callers run it inside their transaction.
void create_token(store::Connection& c, const std::string& token_hash, std::int64_t user_id, const std::string& purpose,
                  std::int64_t now, std::int64_t expires_at);
// The user a valid token is for, deleting it: a token works once.
std::optional<std::int64_t> use_token(store::Connection& c, const std::string& token_hash, const std::string& purpose,
                                      std::int64_t now);

void set_verified(store::Connection& c, std::int64_t user_id);
// A new password ends every session of the account.
void set_password(store::Connection& c, std::int64_t user_id, const std::string& password_hash);

}  // namespace bluemeet::portal::db
