// The recording calls, answered as a BBB server with no recordings answers
// them (a node until recording arrives, and the gateway until its import does).
#include "bbb/no_recordings.h"

#include <cctype>

#include "bbb/responses.h"
#include "util/text.h"

namespace bluemeet::bbb {

namespace {

bool valid_lang(std::string_view lang) {
  // A BCP-47 tag in its common shape: 2-3 letters, then -subtags of 2-8 alphanumerics.
  if (lang.size() < 2 || lang.size() > 35) return false;
  std::size_t i = 0;
  while (i < lang.size() && std::isalpha(static_cast<unsigned char>(lang[i]))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < lang.size()) {
    if (lang[i] != '-' && lang[i] != '_') return false;
    std::size_t start = ++i;
    while (i < lang.size() && std::isalnum(static_cast<unsigned char>(lang[i]))) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

}  // namespace

std::optional<Answer> text_track_param_error(const Params& p) {
  auto param_error = [](std::string_view name) {
    return Answer::json_body(error_json("paramError", "Missing param " + std::string(name) + "."));
  };
  if (util::trim(p.get("recordID")).empty()) return param_error("recordID");
  auto kind = p.get("kind");
  if (kind.empty()) return param_error("kind");
  if (kind != "subtitles" && kind != "captions")
    return Answer::json_body(error_json("invalidKind", "Invalid kind parameter, expected='subtitles|captions' actual=" + kind));
  auto lang = p.get("lang");
  if (lang.empty()) return param_error("lang");
  if (!valid_lang(lang)) return Answer::json_body(error_json("invalidLang", "Malformed lang param, received=" + lang));
  return std::nullopt;
}

Answer no_recordings_answer(std::string_view call, const Params& p) {
  auto not_found = [] { return Answer::xml(error_xml("notFound", "We could not find recordings")); };
  auto missing_record_id = [] {
    return Answer::xml(error_xml("missingParamRecordID", "You must specify a recordID."));
  };
  if (call == "getRecordings")
    return Answer::xml(
        "<response><returncode>SUCCESS</returncode><recordings></recordings><messageKey>noRecordings</messageKey>"
        "<message>There are no recordings for the meeting(s).</message></response>");
  if (call == "publishRecordings") {
    if (p.get("recordID").empty()) return missing_record_id();
    if (p.get("publish").empty())
      return Answer::xml(error_xml("missingParamPublish", "You must specify a publish value true or false."));
    return not_found();
  }
  if (call == "deleteRecordings" || call == "updateRecordings") {
    if (p.get("recordID").empty()) return missing_record_id();
    return not_found();
  }
  if (call == "getRecordingTextTracks") {
    auto id = p.get("recordID");
    if (id.empty()) return missing_record_id();
    return Answer::json_body(error_json("noRecordings", "No recording found for " + id));
  }
  // putRecordingTextTrack
  if (auto error = text_track_param_error(p)) return *error;
  return Answer::json_body(error_json("noRecordings", "No recording found for " + p.get("recordID")));
}

}  // namespace bluemeet::bbb
