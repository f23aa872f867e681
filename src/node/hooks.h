// Webhook subscriptions (bbb-webhooks' hooks/create|list|destroy): which
// callback URLs want which events of which meetings. Pure; the node persists
// hooks through its store so that they survive a restart, as bbb-webhooks'
// Redis-backed hooks do.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bluemeet::node {

struct Hook {
  std::int64_t id = 0;
  std::string callback_url;
  std::string meeting_id;          // external ID; empty: every meeting
  std::set<std::string> event_ids;  // empty: every event
  bool raw = false;
  bool permanent = false;

  bool wants(std::string_view event_id, std::string_view external_meeting_id) const;
};

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

// Parses "a,b,c" into a set of event IDs (trimmed, empty items dropped).
std::set<std::string> parse_event_ids(std::string_view list);

inline constexpr std::size_t kMaxHooks = 1000;

}  // namespace bluemeet::node
