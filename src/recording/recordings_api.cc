#include "recording/recordings_api.h"

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
