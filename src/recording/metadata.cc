#include "recording/metadata.h"

#include <pugixml.hpp>
#include <sstream>

namespace bluemeet::recording {
namespace {

std::int64_t integer(const pugi::xml_node& n) { return n.text().as_llong(0); }

bool fail(std::string* error, std::string why) {
  if (error) *error = std::move(why);
  return false;
}

}  // namespace

bool safe_path_component(std::string_view s) {
  if (s.empty() || s.size() > 128 || s == "." || s == "..") return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
          c == '.'))
      return false;
  return true;
}

std::optional<RecordingMeta> parse_metadata_xml(std::string_view xml, std::string* error) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) {
    fail(error, "metadata.xml does not parse");
    return std::nullopt;
  }
  auto r = doc.child("recording");
  RecordingMeta m;
  m.record_id = r.child_value("id");
  std::string state = r.child_value("state");
  m.state = state.empty() || state == "available" ? "published" : state;
  m.published = std::string_view(r.child_value("published")) != "false";
  m.start_time = integer(r.child("start_time"));
  m.end_time = integer(r.child("end_time"));
  m.participants = integer(r.child("participants"));
  m.raw_size = integer(r.child("raw_size"));
  auto meeting = r.child("meeting");
  m.internal_meeting_id = meeting.attribute("id").value();
  for (auto e : r.child("meta").children()) {
    std::string key = e.name();
    std::string value = e.text().get();
    if (key == "meetingId") m.meeting_id = value;
    else if (key == "meetingName") m.name = value;
    else if (key == "isBreakout") m.breakout = value == "true";
    else if (!key.empty()) m.meta.emplace_back(std::move(key), std::move(value));
  }
  if (m.meeting_id.empty()) m.meeting_id = meeting.attribute("externalId").value();
  if (m.name.empty()) m.name = meeting.attribute("name").value();
  if (meeting.attribute("breakout")) m.breakout = std::string_view(meeting.attribute("breakout").value()) == "true";
  if (m.internal_meeting_id.empty()) m.internal_meeting_id = m.record_id;
  auto p = r.child("playback");
  m.playback.format = p.child_value("format");
  m.playback.link = p.child_value("link");
  m.playback.processing_time = integer(p.child("processing_time"));
  m.playback.duration_ms = integer(p.child("duration"));
  m.playback.size = integer(p.child("size"));
  for (auto img : p.child("extensions").child("preview").child("images").children("image"))
    m.playback.images.push_back(
        {img.text().get(), img.attribute("alt").value(), img.attribute("width").as_int(), img.attribute("height").as_int()});

  if (!safe_path_component(m.record_id)) {
    fail(error, "metadata.xml has no usable recording id");
    return std::nullopt;
  }
  if (!safe_path_component(m.playback.format)) {
    fail(error, "metadata.xml has no usable playback format");
    return std::nullopt;
  }
  if (m.meeting_id.empty()) {
    fail(error, "metadata.xml names no meeting");
    return std::nullopt;
  }
  return m;
}

std::string write_metadata_xml(const RecordingMeta& m) {
  pugi::xml_document doc;
  auto r = doc.append_child("recording");
  auto text = [](pugi::xml_node parent, const char* name, const std::string& value) {
    parent.append_child(name).text().set(value.c_str());
  };
  text(r, "id", m.record_id);
  text(r, "state", m.state);
  text(r, "published", m.published ? "true" : "false");
  text(r, "start_time", std::to_string(m.start_time));
  text(r, "end_time", std::to_string(m.end_time));
  text(r, "participants", std::to_string(m.participants));
  text(r, "raw_size", std::to_string(m.raw_size));
  auto meeting = r.append_child("meeting");
  meeting.append_attribute("id").set_value(m.internal_meeting_id.c_str());
  meeting.append_attribute("externalId").set_value(m.meeting_id.c_str());
  meeting.append_attribute("name").set_value(m.name.c_str());
  meeting.append_attribute("breakout").set_value(m.breakout ? "true" : "false");
  auto meta = r.append_child("meta");
  text(meta, "isBreakout", m.breakout ? "true" : "false");
  text(meta, "meetingId", m.meeting_id);
  text(meta, "meetingName", m.name);
  for (const auto& [k, v] : m.meta) text(meta, k.c_str(), v);
  auto p = r.append_child("playback");
  text(p, "format", m.playback.format);
  text(p, "link", m.playback.link);
  text(p, "processing_time", std::to_string(m.playback.processing_time));
  text(p, "duration", std::to_string(m.playback.duration_ms));
  if (m.playback.size > 0) text(p, "size", std::to_string(m.playback.size));
  if (!m.playback.images.empty()) {
    auto images = p.append_child("extensions").append_child("preview").append_child("images");
    for (const auto& img : m.playback.images) {
      auto i = images.append_child("image");
      i.append_attribute("width").set_value(img.width);
      i.append_attribute("height").set_value(img.height);
      i.append_attribute("alt").set_value(img.alt.c_str());
      i.text().set(img.url.c_str());
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace bluemeet::recording
