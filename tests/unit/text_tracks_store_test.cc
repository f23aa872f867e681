// The gateway's text track rows (migration 4), on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "backend_fixture.h"
#include "gateway/store/recordings.h"
#include "gateway/store/schema.h"
#include "gateway/store/tenants.h"
#include "gateway/store/text_tracks.h"

namespace bluemeet::gateway::db {
namespace {

using store::Connection;
using TrackTest = bluemeet::testing::BackendTest;

constexpr std::int64_t kNow = 1'700'000'000'000;

recording::TextTrack track(std::string kind, std::string lang, std::string label) {
  recording::TextTrack t{std::move(kind), std::move(lang), std::move(label), "upload", {}};
  t.file = recording::track_file_name(t.kind, t.lang);
  return t;
}

// A tenant with one imported recording: its row id.
std::int64_t make_recording(Connection& c, const std::string& tenant, const std::string& record_id) {
  auto t = add_tenant(c, tenant, tenant + "-secret", kNow);
  recording::RecordingMeta m;
  m.record_id = record_id;
  m.meeting_id = "lecture";
  m.internal_meeting_id = record_id;
  m.name = "Lecture";
  m.playback.format = "presentation";
  save_imported_format(c, t.id, m, kNow);
  return tenant_recordings(c, t.id, {record_id}).at(0).id;
}

TEST_P(TrackTest, PutAddsReplacesAndLists) {
  auto s = open();
  s->migrate(gateway_migrations());
  s->run_sync([](Connection& c) {
    auto rec = make_recording(c, "unipd", "abc-1");
    EXPECT_TRUE(list_text_tracks(c, rec).empty());
    EXPECT_EQ(put_text_track(c, rec, track("subtitles", "en-US", "English"), kNow), TrackPut::stored);
    EXPECT_EQ(put_text_track(c, rec, track("captions", "de", "Deutsch"), kNow), TrackPut::stored);
    EXPECT_EQ(put_text_track(c, rec, track("subtitles", "en-US", "English (corrected)"), kNow + 1), TrackPut::stored);
    auto tracks = list_text_tracks(c, rec);
    ASSERT_EQ(tracks.size(), 2u);
    EXPECT_EQ(tracks[0].kind, "captions");
    EXPECT_EQ(tracks[1].label, "English (corrected)");
    EXPECT_EQ(tracks[1].file, "subtitles_en-US.vtt");
    EXPECT_EQ(tracks[1].source, "upload");
  });
}

TEST_P(TrackTest, DeletedRecordingsGetNoTracksAndLoseTheirs) {
  auto s = open();
  s->migrate(gateway_migrations());
  s->run_sync([](Connection& c) {
    auto rec = make_recording(c, "unipd", "abc-2");
    ASSERT_EQ(put_text_track(c, rec, track("captions", "en", "English"), kNow), TrackPut::stored);
    ASSERT_TRUE(mark_recording_deleted(c, rec, kNow));
    EXPECT_TRUE(list_text_tracks(c, rec).empty());
    EXPECT_EQ(put_text_track(c, rec, track("captions", "en", "English"), kNow), TrackPut::no_recording);
    EXPECT_EQ(put_text_track(c, 999'999, track("captions", "en", "English"), kNow), TrackPut::no_recording);
  });
}

TEST_P(TrackTest, ARecordingHasAtMostTheLimitButMayReplace) {
  auto s = open();
  s->migrate(gateway_migrations());
  s->run_sync([](Connection& c) {
    auto rec = make_recording(c, "unipd", "abc-3");
    for (std::size_t i = 0; i < recording::kMaxTextTracks; ++i)
      ASSERT_EQ(put_text_track(c, rec, track("captions", "x" + std::to_string(100 + i), "L"), kNow), TrackPut::stored);
    EXPECT_EQ(put_text_track(c, rec, track("subtitles", "en", "one more"), kNow), TrackPut::too_many);
    EXPECT_EQ(put_text_track(c, rec, track("captions", "x100", "replaced"), kNow), TrackPut::stored);
  });
}

TEST_P(TrackTest, SchemaRefusesUnknownKinds) {
  auto s = open();
  s->migrate(gateway_migrations());
  EXPECT_THROW(s->run_sync([](Connection& c) {
    auto rec = make_recording(c, "unipd", "abc-4");
    put_text_track(c, rec, track("karaoke", "en", "x"), kNow);
  }),
               store::StoreError);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrackTest,
                         ::testing::Values(bluemeet::testing::Backend::sqlite, bluemeet::testing::Backend::postgres),
                         bluemeet::testing::backend_name);

}  // namespace
}  // namespace bluemeet::gateway::db
