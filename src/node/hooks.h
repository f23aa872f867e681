// The node's webhook subscriptions (bbb-webhooks' hooks/create|list|destroy;
// the protocol itself is in bbb/webhooks.h). Pure; the node persists
// hooks through its store so that they survive a restart, as bbb-webhooks'
// Redis-backed hooks do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bbb/webhooks.h"

namespace bluemeet::node {

using bbb::Hook;

class HookRegistry {
 public:
  // The existing hook for the same URL and meeting, if any (duplicateWarning).
  const Hook* find_duplicate(std::string_view url, std::string_view meeting_id) const;
  void add(Hook hook);
  bool remove(std::int64_t id);
  std::vector<const Hook*> list(std::optional<std::string_view> meeting_id) const;
  std::vector<const Hook*> matching(std::string_view event_id, std::string_view external_meeting_id) const;
  std::size_t size() const { return hooks_.size(); }

 private:
  std::vector<Hook> hooks_;
};

}  // namespace bluemeet::node
