#include "node/registry.h"

#include <algorithm>
#include <cmath>

#include "util/crypto.h"
#include "util/random.h"

namespace bluemeet::node {

std::string internal_meeting_id(std::string_view external_id, util::Millis create_time) {
  return util::hex_digest(util::HashAlg::sha1, external_id) + "-" + std::to_string(create_time);
}

bool MeetingRegistry::bridge_in_use(const std::string& bridge) const {
  for (const auto& [id, m] : meetings_)
    if (!m->ended() && m->voice_bridge() == bridge) return true;
  return false;
}

std::optional<std::string> MeetingRegistry::allocate_bridge() {
  auto lo = static_cast<std::uint64_t>(std::pow(10, bridge_digits_ - 1));
  auto hi = static_cast<std::uint64_t>(std::pow(10, bridge_digits_)) - 1;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::to_string(util::random_between(lo, hi));
    if (!bridge_in_use(candidate)) return candidate;
  }
  // A crowded number space: walk it instead of guessing.
  for (auto n = lo; n <= hi; ++n)
    if (!bridge_in_use(std::to_string(n))) return std::to_string(n);
  return std::nullopt;
}

CreateOutcome MeetingRegistry::create(CreateOptions options, util::Millis now) {
  CreateOutcome out;
  if (Meeting* existing = find(options.meeting_id); existing && !existing->ended() &&
                                                    existing->external_id() == options.meeting_id) {
    const auto& have = existing->options();
    bool same = !options.passwords_given ||
                (options.attendee_pw == have.attendee_pw && options.moderator_pw == have.moderator_pw);
    if (same) {
      out.meeting = existing;
      out.duplicate = true;
    } else {
      out.error = CreateError{"idNotUnique", "A meeting already exists with that meeting ID.  Please use a different meeting ID."};
    }
    return out;
  }
  std::string bridge;
  if (options.voice_bridge) {
    if (bridge_in_use(*options.voice_bridge)) {
      out.error = CreateError{"nonUniqueVoiceBridge", "The selected voice bridge is already in use."};
      out.errors_envelope = true;
      return out;
    }
    bridge = *options.voice_bridge;
  } else {
    auto b = allocate_bridge();
    if (!b) {
      out.error = CreateError{"nonUniqueVoiceBridge", "No voice bridge is free on this server."};
      out.errors_envelope = true;
      return out;
    }
    bridge = *b;
  }
  util::Millis t = now;
  std::string internal = internal_meeting_id(options.meeting_id, t);
  while (meetings_.contains(internal)) internal = internal_meeting_id(options.meeting_id, ++t);
  out.meeting = restore(std::move(options), internal, t, bridge);
  return out;
}

Meeting* MeetingRegistry::restore(CreateOptions options, const std::string& internal_id, util::Millis create_time,
                                  const std::string& voice_bridge) {
  std::string external = options.meeting_id;
  auto m = std::make_unique<Meeting>(std::move(options), internal_id, create_time, voice_bridge);
  Meeting* raw = m.get();
  meetings_[internal_id] = std::move(m);
  current_[external] = internal_id;
  return raw;
}

Meeting* MeetingRegistry::by_internal(std::string_view internal_id) {
  auto it = meetings_.find(internal_id);
  return it == meetings_.end() ? nullptr : it->second.get();
}

Meeting* MeetingRegistry::find(std::string_view id) {
  if (auto it = current_.find(id); it != current_.end()) return by_internal(it->second);
  return by_internal(id);
}

void MeetingRegistry::index_session(const std::string& token, const std::string& internal_id, const std::string& user_id) {
  sessions_[token] = {internal_id, user_id};
}

std::optional<MeetingRegistry::SessionRef> MeetingRegistry::by_session(std::string_view token) {
  auto it = sessions_.find(std::string(token));
  if (it == sessions_.end()) return std::nullopt;
  Meeting* m = by_internal(it->second.first);
  if (!m) return std::nullopt;
  const User* u = m->user(it->second.second);
  if (!u) return std::nullopt;
  return SessionRef{m, u};
}

std::vector<std::string> MeetingRegistry::purge(util::Millis now, util::Millis retention) {
  std::vector<std::string> gone;
  for (auto it = meetings_.begin(); it != meetings_.end();) {
    const Meeting& m = *it->second;
    if (m.ended() && now - m.end_time() >= retention) {
      gone.push_back(it->first);
      if (auto c = current_.find(m.external_id()); c != current_.end() && c->second == it->first) current_.erase(c);
      it = meetings_.erase(it);
    } else {
      ++it;
    }
  }
  if (!gone.empty())
    std::erase_if(sessions_, [&](const auto& e) { return !meetings_.contains(e.second.first); });
  return gone;
}

std::vector<Meeting*> MeetingRegistry::all() {
  std::vector<Meeting*> out;
  out.reserve(meetings_.size());
  for (auto& [id, m] : meetings_) out.push_back(m.get());
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->create_time() < b->create_time(); });
  return out;
}

}  // namespace bluemeet::node
