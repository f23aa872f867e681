#include "node/hooks.h"

#include <algorithm>


namespace bluemeet::node {

const Hook* HookRegistry::find_duplicate(std::string_view url, std::string_view meeting_id) const {
  for (const auto& h : hooks_)
    if (h.callback_url == url && h.meeting_id == meeting_id) return &h;
  return nullptr;
}

void HookRegistry::add(Hook hook) { hooks_.push_back(std::move(hook)); }

bool HookRegistry::remove(std::int64_t id) {
  auto n = std::erase_if(hooks_, [&](const Hook& h) { return h.id == id; });
  return n > 0;
}

std::vector<const Hook*> HookRegistry::list(std::optional<std::string_view> meeting_id) const {
  std::vector<const Hook*> out;
  for (const auto& h : hooks_)
    if (!meeting_id || h.meeting_id.empty() || h.meeting_id == *meeting_id) out.push_back(&h);
  return out;
}

std::vector<const Hook*> HookRegistry::matching(std::string_view event_id, std::string_view external_meeting_id) const {
  std::vector<const Hook*> out;
  for (const auto& h : hooks_)
    if (h.wants(event_id, external_meeting_id)) out.push_back(&h);
  return out;
}

}  // namespace bluemeet::node
