// Helpers for the node's unit tests: meetings made from a query string.
#pragma once

#include <gtest/gtest.h>

#include "node/create_options.h"
#include "node/meeting.h"

namespace bluemeet::node::testing {

inline CreateOptions options(std::string_view query) {
  auto parsed = parse_create(*bbb::Params::parse(query), NodeDefaults{});
  if (auto* e = std::get_if<CreateError>(&parsed)) ADD_FAILURE() << e->key << ": " << e->message;
  return std::get<CreateOptions>(parsed);
}

inline JoinRequest as(std::string name, Role role, std::string ext = {}) {
  JoinRequest r;
  r.full_name = std::move(name);
  r.role = role;
  r.ext_user_id = std::move(ext);
  return r;
}

// Joins and connects a user; returns their internal ID.
inline std::string enter(Meeting& m, const std::string& id, JoinRequest r, util::Millis now, Events* events = nullptr) {
  auto res = m.join(r, id, "tok_" + id, "auth", now);
  EXPECT_TRUE(std::holds_alternative<const User*>(res));
  auto ev = m.connect(id, now);
  if (events) *events = ev;
  return id;
}

}  // namespace bluemeet::node::testing
