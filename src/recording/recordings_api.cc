#include "recording/recordings_api.h"

#include <algorithm>

#include "bbb/meta.h"
#include "bbb/xml_writer.h"
#include "util/text.h"

namespace bluemeet::recording {

bool valid_state(std::string_view s) {
  for (const char* k : kStates)
    if (s == k) return true;
  return false;
}

std::vector<std::string> split_ids(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty() && out.size() < kMaxIdsPerQuery) {
    auto comma = list.find(',');
    auto item = util::trim(list.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return out;
}

std::optional<std::vector<std::string>> target_record_ids(std::string_view call, const bbb::Params& params) {
  auto ids = split_ids(params.get("recordID"));
  if (ids.empty() || call == "putRecordingTextTrack") return std::nullopt;
  if (call == "publishRecordings" && params.get("publish").empty()) return std::nullopt;
  return ids;
}

std::vector<std::pair<std::string, std::string>> metadata_updates(const bbb::Params& params) {
  std::vector<std::pair<std::string, std::string>> meta;
  for (const auto& [k, v] : params.entries())
    if (auto name = bbb::meta_name(k)) meta.emplace_back(*name, v);
  return meta;
}

RecordingQuery parse_recording_query(const bbb::Params& params) {
  RecordingQuery q;
  q.record_ids = split_ids(params.get("recordID"));
  if (q.record_ids.empty()) q.meeting_ids = split_ids(params.get("meetingID"));
  auto states = split_ids(params.get("state"));
  if (states.empty()) {
    q.states = {"published", "unpublished"};
  } else {
    bool any = false;
    for (const auto& s : states) {
      if (s == "any") any = true;
      else if (valid_state(s)) q.states.insert(s);
    }
    if (any) q.states.clear();
    else if (q.states.empty()) q.states = {"none"};  // only unknown states asked: nothing matches
  }
  for (const auto& [k, v] : params.entries())
    if (k.size() > 5 && k.starts_with("meta_")) q.meta.emplace_back(util::to_lower_ascii(k.substr(5)), v);
  if (auto off = params.get_uint("offset", INT64_MAX)) q.offset = *off;
  if (auto lim = params.get_uint("limit", INT64_MAX); lim && *lim >= 1 && *lim <= 100) q.limit = *lim;
  return q;
}

bool matches(const RecordingView& r, const RecordingQuery& q) {
  if (!q.record_ids.empty()) {
    bool any = false;
    for (const auto& p : q.record_ids) any |= r.record_id.starts_with(p);
    if (!any) return false;
  } else if (!q.meeting_ids.empty()) {
    bool any = false;
    for (const auto& m : q.meeting_ids) any |= r.meeting_id == m;
    if (!any) return false;
  }
  if (!q.states.empty() && !q.states.contains(r.state)) return false;
  for (const auto& [k, v] : q.meta) {
    bool found = false;
    for (const auto& [mk, mv] : r.meta) found |= mk == k && mv == v;
    if (!found) return false;
  }
  return true;
}

std::vector<RecordingView> page(std::vector<RecordingView> matching, const RecordingQuery& q) {
  std::stable_sort(matching.begin(), matching.end(),
                   [](const RecordingView& a, const RecordingView& b) { return a.start_time > b.start_time; });
  auto from = std::min<std::size_t>(static_cast<std::size_t>(q.offset), matching.size());
  auto n = std::min<std::size_t>(matching.size() - from,
                                 static_cast<std::size_t>(q.limit > 0 ? q.limit : kMaxRecordingsPerAnswer));
  return {std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(from)),
          std::make_move_iterator(matching.begin() + static_cast<std::ptrdiff_t>(from + n))};
}

std::optional<PlaybackPath> parse_playback_path(std::string_view path) {
  constexpr std::string_view kPrefix = "/playback/";
  if (!path.starts_with(kPrefix)) return std::nullopt;
  path.remove_prefix(kPrefix.size());
  std::vector<std::string> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    if (part.empty()) continue;
    if (!safe_path_component(part)) return std::nullopt;
    parts.emplace_back(part);
  }
  if (parts.size() < 2) return std::nullopt;
  PlaybackPath p{parts[0], parts[1], {}};
  for (std::size_t i = 2; i < parts.size(); ++i) p.file += (p.file.empty() ? "" : "/") + parts[i];
  if (p.file.empty()) p.file = "index.html";
  return p;
}

std::string recordings_xml(const std::vector<RecordingView>& recordings) {
  bbb::XmlWriter w;
  w.open("response").elem("returncode", "SUCCESS");
  if (recordings.empty()) {
    w.open("recordings").close();
    w.elem("messageKey", "noRecordings").elem("message", "There are no recordings for the meeting(s).");
    return std::move(w).str();
  }
  w.open("recordings");
  for (const auto& r : recordings) {
    w.open("recording").elem("recordID", r.record_id).elem("meetingID", r.meeting_id);
    w.elem("internalMeetingID", r.internal_meeting_id).cdata_elem("name", r.name);
    w.elem("isBreakout", r.breakout).elem("published", r.published).elem("protected", r.is_protected);
    w.elem("state", r.state).elem("startTime", r.start_time).elem("endTime", r.end_time);
    w.elem("participants", r.participants).elem("rawSize", r.raw_size);
    w.open("metadata");
    for (const auto& [k, v] : r.meta)
      if (bbb::is_xml_name(k)) w.cdata_elem(k, v);
    w.close();
    w.open("playback");
    for (const auto& f : r.formats) {
      w.open("format").elem("type", f.format).elem("url", f.link);
      w.elem("processingTime", f.processing_time).elem("length", f.duration_ms / 60000);
      if (f.size > 0) w.elem("size", f.size);
      if (!f.images.empty()) {
        w.open("preview").open("images");
        for (const auto& img : f.images)
          w.elem_attrs("image",
                       {{"alt", img.alt}, {"height", std::to_string(img.height)}, {"width", std::to_string(img.width)}},
                       img.url);
        w.close().close();
      }
      w.close();
    }
    w.close().close();
  }
  return std::move(w).str();
}

}  // namespace bluemeet::recording
