#include "recording/text_tracks.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "bbb/responses.h"
#include "recording/metadata.h"
#include "util/text.h"

namespace json = boost::json;

namespace bluemeet::recording {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Line breaks as "\n" (CRLF and lone CR alike), without a byte-order mark,
// valid UTF-8 without control characters: what every WebVTT parser takes.
std::string clean_lines(std::string_view s) {
  if (s.starts_with(kBom)) s.remove_prefix(kBom.size());
  std::string lf;
  lf.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      lf += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      lf += s[i];
    }
  }
  return util::clean_text(lf, /*keep_newlines=*/true);
}

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    auto nl = s.find('\n');
    out.push_back(s.substr(0, nl));
    s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
  }
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// An SRT time ("01:02:03,456", also with '.') as WebVTT's "01:02:03.456".
std::optional<std::string> srt_time(std::string_view t) {
  t = util::trim(t);
  auto c1 = t.find(':');
  if (c1 == std::string_view::npos) return std::nullopt;
  auto c2 = t.find(':', c1 + 1);
  if (c2 == std::string_view::npos || c2 != c1 + 3) return std::nullopt;
  auto hours = t.substr(0, c1), minutes = t.substr(c1 + 1, 2), rest = t.substr(c2 + 1);
  if (rest.size() != 6 || (rest[2] != ',' && rest[2] != '.')) return std::nullopt;
  auto seconds = rest.substr(0, 2), millis = rest.substr(3);
  if (!all_digits(hours) || hours.size() > 4 || !all_digits(minutes) || !all_digits(seconds) || !all_digits(millis))
    return std::nullopt;
  if (minutes[0] > '5' || seconds[0] > '5') return std::nullopt;
  std::string out(hours.size() < 2 ? "0" : "");
  out.append(hours).append(":").append(minutes).append(":").append(seconds).append(".").append(millis);
  return out;
}

// "start --> end[ X1:… positions]" as a WebVTT timing line (positions dropped).
std::optional<std::string> srt_timing(std::string_view line) {
  auto arrow = line.find("-->");
  if (arrow == std::string_view::npos) return std::nullopt;
  auto start = srt_time(line.substr(0, arrow));
  auto end_part = util::trim(line.substr(arrow + 3));
  auto end = srt_time(end_part.substr(0, end_part.find_first_of(" \t")));
  if (!start || !end) return std::nullopt;
  return *start + " --> " + *end;
}

std::optional<std::string> srt_to_webvtt(const std::string& text) {
  std::string out = "WEBVTT\n";
  std::size_t cues = 0;
  auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size();) {
    if (util::trim(lines[i]).empty()) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < lines.size() && !util::trim(lines[end]).empty()) ++end;
    // A block: [index] timing, then its text; a block without timing is not a cue.
    std::size_t at = i;
    std::string_view id;
    if (all_digits(util::trim(lines[at])) && at + 1 < end) id = util::trim(lines[at++]);
    if (auto timing = srt_timing(lines[at])) {
      out += "\n";
      if (!id.empty()) out.append(id).append("\n");
      out += *timing + "\n";
      for (std::size_t k = at + 1; k < end; ++k) {
        // "-->" may not appear in WebVTT cue text.
        std::string line(lines[k]);
        for (std::size_t p; (p = line.find("-->")) != std::string::npos;) line.replace(p, 3, "--&gt;");
        out += line + "\n";
      }
      ++cues;
    }
    i = end;
  }
  if (cues == 0) return std::nullopt;
  return out;
}

bool valid_kind(std::string_view k) { return k == "subtitles" || k == "captions"; }

std::string string_field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string normalize_lang(std::string_view lang) {
  std::string out(util::trim(lang));
  for (char& c : out)
    if (c == '_') c = '-';
  return out;
}

std::string track_file_name(std::string_view kind, std::string_view lang) {
  return std::string(kind) + "_" + std::string(lang) + ".vtt";
}

std::optional<std::string> to_webvtt(std::string_view upload) {
  auto text = clean_lines(upload);
  if (text.starts_with("WEBVTT") && (text.size() == 6 || text[6] == ' ' || text[6] == '\t' || text[6] == '\n')) {
    if (!text.ends_with('\n')) text += '\n';
    return text;
  }
  return srt_to_webvtt(text);
}

std::string captions_index_json(const std::vector<TextTrack>& tracks) {
  json::array a;
  for (const auto& t : tracks)
    a.emplace_back(json::object{{"kind", t.kind}, {"label", t.label}, {"lang", t.lang}, {"source", t.source}});
  return json::serialize(a);
}

std::vector<TextTrack> parse_captions_json(std::string_view text) {
  std::vector<TextTrack> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (out.size() == kMaxTextTracks) break;
    const auto* o = e.if_object();
    if (!o) continue;
    TextTrack t;
    if (o->contains("locale")) {  // the presentation player's index: live captions
      t.kind = "captions";
      t.lang = string_field(*o, "locale");
      t.label = string_field(*o, "localeName");
      t.source = "live";
      t.file = "caption_" + t.lang + ".vtt";
    } else {
      t.kind = string_field(*o, "kind");
      t.lang = string_field(*o, "lang");
      t.label = string_field(*o, "label");
      t.source = string_field(*o, "source");
      t.file = track_file_name(t.kind, t.lang);
      if (!valid_kind(t.kind)) continue;
    }
    if (t.lang.empty() || !safe_path_component(t.file)) continue;
    if (t.label.empty()) t.label = t.lang;
    if (t.source.empty()) t.source = "upload";
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<TextTrack> merge_tracks(std::vector<TextTrack> uploaded, const std::vector<TextTrack>& imported) {
  for (const auto& i : imported) {
    bool replaced = false;
    for (const auto& u : uploaded) replaced |= u.kind == i.kind && u.lang == i.lang;
    if (!replaced) uploaded.push_back(i);
  }
  return uploaded;
}

std::string text_tracks_json(const std::vector<std::pair<TextTrack, std::string>>& tracks_and_hrefs) {
  json::array a;
  for (const auto& [t, href] : tracks_and_hrefs)
    a.emplace_back(
        json::object{{"href", href}, {"kind", t.kind}, {"label", t.label}, {"lang", t.lang}, {"source", t.source}});
  json::object r{{"returncode", "SUCCESS"}, {"tracks", std::move(a)}};
  return json::serialize(json::object{{"response", std::move(r)}});
}

std::string upload_success_json(std::string_view record_id) {
  json::object r{{"messageKey", "upload_text_track_success"},
                 {"message", "Text track uploaded successfully"},
                 {"recordId", record_id},
                 {"returncode", "SUCCESS"}};
  return json::serialize(json::object{{"response", std::move(r)}});
}

std::string empty_upload_json() { return bbb::error_json("empty_uploaded_text_track", "Empty uploaded text track."); }

std::string upload_failed_json(std::string_view message) {
  return bbb::error_json("upload_text_track_failed", message);
}

}  // namespace bluemeet::recording
