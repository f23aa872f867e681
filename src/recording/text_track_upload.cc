#include "recording/text_track_upload.h"

#include "bbb/multipart.h"
#include "util/text.h"

namespace bluemeet::recording {
namespace {

constexpr std::size_t kMaxLabelChars = 256;

bbb::Answer json(std::string body) { return bbb::Answer::json_body(std::move(body)); }

}  // namespace

std::variant<TrackUpload, bbb::Answer> read_track_upload(const bbb::Params& query, std::string_view content_type,
                                                         std::string_view body) {
  std::optional<std::vector<bbb::FormPart>> parts;
  if (auto boundary = bbb::multipart_boundary(content_type)) parts = bbb::parse_multipart(body, *boundary);
  bbb::Params params = query;
  if (parts)
    for (const char* name : {"recordID", "kind", "lang", "label"})
      if (const auto* p = bbb::find_part(*parts, name); p && !p->filename && !query.has(name))
        params.add(name, util::to_valid_utf8(p->data));

  if (auto error = bbb::text_track_param_error(params)) return std::move(*error);
  // A malformed body has no file, as a servlet's getFile would find none.
  const auto* file = parts ? bbb::find_part(*parts, "file") : nullptr;
  if (!file || file->data.empty()) return json(empty_upload_json());

  TrackUpload up;
  up.record_id = std::string(util::trim(params.get("recordID")));
  up.track.kind = params.get("kind");
  up.track.lang = normalize_lang(params.get("lang"));
  up.track.label = util::utf8_truncate(util::clean_text(util::trim(params.get("label"))), kMaxLabelChars);
  if (up.track.label.empty()) up.track.label = up.track.lang;
  up.track.source = "upload";
  up.track.file = track_file_name(up.track.kind, up.track.lang);
  up.data = file->data;
  return up;
}

std::variant<std::string, bbb::Answer> upload_webvtt(std::string_view data) {
  if (data.size() > kMaxTextTrackBytes) return json(upload_failed_json("The text track is larger than 4 MiB."));
  auto webvtt = to_webvtt(data);
  if (!webvtt) return json(upload_failed_json("The text track is neither WebVTT nor SRT."));
  return std::move(*webvtt);
}

std::optional<std::string> uploaded_track_file(std::string_view file) {
  constexpr std::string_view kDir = "captions/";
  if (!file.starts_with(kDir)) return std::nullopt;
  file.remove_prefix(kDir.size());
  // Only track files: not captions.json, not a writer's temporary (leading dot) file.
  if (file.find('/') != std::string_view::npos || !file.ends_with(".vtt") || file.starts_with(".")) return std::nullopt;
  return std::string(file);
}

}  // namespace bluemeet::recording
