#include "gateway/store/text_tracks.h"

namespace bluemeet::gateway::db {

using store::Value;

std::vector<recording::TextTrack> list_text_tracks(store::Connection& c, std::int64_t recording_id) {
  const std::vector<Value> p{recording_id};
  std::vector<recording::TextTrack> out;
  for (const auto& r : c.query("SELECT kind, lang, label, source FROM recording_text_tracks WHERE recording_id = ? "
                               "ORDER BY kind, lang",
                               p)) {
    recording::TextTrack t{r.text(0), r.text(1), r.text(2), r.text(3), {}};
    t.file = recording::track_file_name(t.kind, t.lang);
    out.push_back(std::move(t));
  }
  return out;
}

TrackPut put_text_track(store::Connection& c, std::int64_t recording_id, const recording::TextTrack& t,
                        std::int64_t now) {
  store::Transaction tx(c);
  const std::vector<Value> id{recording_id};
  const std::vector<Value> same{recording_id, t.kind, t.lang};
  bool replaces =
      !c.query("SELECT 1 FROM recording_text_tracks WHERE recording_id = ? AND kind = ? AND lang = ?", same).empty();
  if (!replaces &&
      c.query("SELECT COUNT(*) FROM recording_text_tracks WHERE recording_id = ?", id).at(0).integer(0) >=
          static_cast<std::int64_t>(recording::kMaxTextTracks))
    return TrackPut::too_many;
  // Through the recording's row, so that a recording deleted meanwhile gets no track.
  const std::vector<Value> p{t.kind, t.lang, t.label, t.source, now, recording_id};
  auto n = c.exec("INSERT INTO recording_text_tracks (recording_id, kind, lang, label, source, updated_at) "
                  "SELECT id, ?, ?, ?, ?, ? FROM recordings WHERE id = ? AND state <> 'deleted' "
                  "ON CONFLICT (recording_id, kind, lang) DO UPDATE SET label = excluded.label, "
                  "source = excluded.source, updated_at = excluded.updated_at",
                  p);
  if (n != 1) return TrackPut::no_recording;
  tx.commit();
  return TrackPut::stored;
}

}  // namespace bluemeet::gateway::db
