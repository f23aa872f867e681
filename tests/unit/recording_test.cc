#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "recording/metadata.h"
#include "recording/recordings_api.h"
#include "recording/tar_extract.h"
#include "recording/tar_write.h"

namespace bluemeet::recording {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBbbMetadata = R"(<?xml version="1.0" encoding="UTF-8"?>
<recording>
  <id>6e35e3b2778883f5db637d7a5dba0a427f692e91-1398363221956</id>
  <state>available</state>
  <published>true</published>
  <start_time>1398363223514</start_time>
  <end_time>1398363348994</end_time>
  <participants>3</participants>
  <meeting id="6e35e3b2778883f5db637d7a5dba0a427f692e91-1398363221956" externalId="unipd~room-1" name="Demo" breakout="false"/>
  <meta>
    <isBreakout>false</isBreakout>
    <meetingId>unipd~room-1</meetingId>
    <meetingName>Demo Meeting</meetingName>
    <bbb-origin>Greenlight</bbb-origin>
  </meta>
  <playback>
    <format>presentation</format>
    <link>https://bbb1.example.org/playback/presentation/2.3/6e35e3b2778883f5db637d7a5dba0a427f692e91-1398363221956</link>
    <processing_time>5429</processing_time>
    <duration>181014</duration>
    <extensions><preview><images>
      <image width="176" height="136" alt="Welcome">https://bbb1.example.org/thumb-1.png</image>
    </images></preview></extensions>
  </playback>
</recording>)";

TEST(RecordingMetadata, ReadsWhatBigBlueButtonWrites) {
  std::string error;
  auto m = parse_metadata_xml(kBbbMetadata, &error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->record_id, "6e35e3b2778883f5db637d7a5dba0a427f692e91-1398363221956");
  EXPECT_EQ(m->meeting_id, "unipd~room-1");
  EXPECT_EQ(m->name, "Demo Meeting");
  EXPECT_EQ(m->state, "published");  // "available" is BBB's word for it
  EXPECT_TRUE(m->published);
  EXPECT_EQ(m->participants, 3);
  EXPECT_EQ(m->meta, (std::vector<std::pair<std::string, std::string>>{{"bbb-origin", "Greenlight"}}));
  EXPECT_EQ(m->playback.format, "presentation");
  EXPECT_EQ(m->playback.duration_ms, 181014);
  ASSERT_EQ(m->playback.images.size(), 1u);
  EXPECT_EQ(m->playback.images[0].alt, "Welcome");
  EXPECT_EQ(m->playback.images[0].width, 176);
}

TEST(RecordingMetadata, WritesWhatItReads) {
  auto m = parse_metadata_xml(kBbbMetadata);
  ASSERT_TRUE(m);
  auto again = parse_metadata_xml(write_metadata_xml(*m));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->record_id, m->record_id);
  EXPECT_EQ(again->meta, m->meta);
  EXPECT_EQ(again->playback.link, m->playback.link);
  EXPECT_EQ(again->playback.images.size(), 1u);
  EXPECT_EQ(again->end_time, m->end_time);
}

TEST(RecordingMetadata, RefusesIdsThatCouldEscapeADirectory) {
  std::string error;
  std::string bad = kBbbMetadata;
  bad.replace(bad.find("<id>") + 4, 5, "../..");
  EXPECT_FALSE(parse_metadata_xml(bad, &error));
  EXPECT_NE(error.find("id"), std::string::npos);
  std::string format = kBbbMetadata;
  format.replace(format.find("<format>presentation"), 20, "<format>a/b");
  EXPECT_FALSE(parse_metadata_xml(format));
  EXPECT_FALSE(parse_metadata_xml("<oops"));
  EXPECT_FALSE(safe_path_component(".."));
  EXPECT_TRUE(safe_path_component("abc-123_x.y"));
}

TEST(RecordingQuery, FollowsBbbRules) {
  auto q = parse_recording_query(*bbb::Params::parse("meetingID=a,b&state=&meta_Origin=x&limit=500&offset=3"));
  EXPECT_EQ(q.meeting_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(q.states, (std::set<std::string>{"published", "unpublished"}));
  EXPECT_EQ(q.meta, (std::vector<std::pair<std::string, std::string>>{{"origin", "x"}}));
  EXPECT_EQ(q.limit, 0);  // out of 1-100: ignored
  EXPECT_EQ(q.offset, 3);
  auto by_record = parse_recording_query(*bbb::Params::parse("recordID=r1,%20r2&meetingID=a&state=any"));
  EXPECT_EQ(by_record.record_ids, (std::vector<std::string>{"r1", "r2"}));
  EXPECT_TRUE(by_record.meeting_ids.empty());  // recordID wins
  EXPECT_TRUE(by_record.states.empty());
  EXPECT_EQ(parse_recording_query(*bbb::Params::parse("state=bogus")).states, (std::set<std::string>{"none"}));
}

TEST(RecordingsXml, OrdersElementsAsBbb) {
  EXPECT_NE(recordings_xml({}).find("<recordings></recordings><messageKey>noRecordings</messageKey>"), std::string::npos);
  RecordingView r;
  r.record_id = "rec-1";
  r.meeting_id = "room";
  r.name = "A & B";
  r.state = "published";
  r.published = true;
  r.meta = {{"bbb-origin", "lms"}, {"bad key", "dropped"}};
  Playback p;
  p.format = "presentation";
  p.link = "https://gw/playback/presentation/rec-1/";
  p.duration_ms = 125000;
  p.images.push_back({"https://gw/t.png", "Slide", 176, 136});
  r.formats = {p};
  auto xml = recordings_xml({r});
  EXPECT_NE(xml.find("<recordID>rec-1</recordID><meetingID>room</meetingID>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<name><![CDATA[A & B]]></name>"), std::string::npos);
  EXPECT_NE(xml.find("<metadata><bbb-origin><![CDATA[lms]]></bbb-origin></metadata>"), std::string::npos);
  EXPECT_NE(xml.find("<length>2</length>"), std::string::npos);
  EXPECT_NE(xml.find(R"(<image alt="Slide" height="136" width="176">https://gw/t.png</image>)"), std::string::npos);
}

// --------------------------------------------------------------- tar files

class TarTest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("bluemeet-tar-" + std::to_string(::getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }

  struct Entry {
    Entry(std::string p, std::string d = {}, unsigned t = AE_IFREG, std::string l = {})
        : path(std::move(p)), data(std::move(d)), type(t), link(std::move(l)) {}
    std::string path;
    std::string data;
    unsigned type;
    std::string link;
  };
  fs::path make_tar(const std::vector<Entry>& entries) {
    auto path = dir / "in.tar";
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_open_filename(a, path.c_str());
    for (const auto& e : entries) {
      archive_entry* h = archive_entry_new();
      archive_entry_set_pathname(h, e.path.c_str());
      archive_entry_set_filetype(h, e.type);
      archive_entry_set_perm(h, 0644);
      if (!e.link.empty()) archive_entry_set_symlink(h, e.link.c_str());
      archive_entry_set_size(h, e.type == AE_IFREG ? static_cast<la_int64_t>(e.data.size()) : 0);
      archive_write_header(a, h);
      if (e.type == AE_IFREG) archive_write_data(a, e.data.data(), e.data.size());
      archive_entry_free(h);
    }
    archive_write_close(a);
    archive_write_free(a);
    return path;
  }
};

TEST_F(TarTest, ExtractsAScaleliteTar) {
  auto tar = make_tar({{"presentation/rec-1/", "", AE_IFDIR},
                       {"presentation/rec-1/metadata.xml", "<recording/>"},
                       {"presentation/rec-1/video/webcams.webm", std::string(100000, 'x')}});
  auto r = extract_tar(tar, dir / "out");
  EXPECT_EQ(r.error, ExtractError::none) << r.message;
  EXPECT_EQ(r.files, 2u);
  EXPECT_EQ(r.bytes, 100000u + 12u);
  EXPECT_EQ(fs::file_size(dir / "out/presentation/rec-1/video/webcams.webm"), 100000u);
}

TEST_F(TarTest, RefusesHostileEntries) {
  for (const auto& bad : std::vector<std::vector<Entry>>{
           {{"../escape", "x"}},
           {{"/etc/passwd", "x"}},
           {{"presentation/../../x", "x"}},
           {{"presentation/link", "", AE_IFLNK, "/etc/passwd"}},
           {{"presentation/fifo", "", AE_IFIFO}},
           {{"presentation/a", "1"}, {"presentation/a", "2"}},
       }) {
    fs::remove_all(dir / "out");
    auto r = extract_tar(make_tar(bad), dir / "out");
    EXPECT_EQ(r.error, ExtractError::hostile) << bad.front().path << ": " << r.message;
    EXPECT_FALSE(fs::exists("/tmp/escape"));
  }
}

TEST_F(TarTest, EnforcesSizeLimits) {
  ExtractLimits small;
  small.max_entry_bytes = 10;
  auto r = extract_tar(make_tar({{"presentation/big", std::string(11, 'x')}}), dir / "out", small);
  EXPECT_EQ(r.error, ExtractError::hostile);
  ExtractLimits few;
  few.max_entries = 1;
  fs::remove_all(dir / "out");
  r = extract_tar(make_tar({{"a/1", "x"}, {"a/2", "y"}}), dir / "out", few);
  EXPECT_EQ(r.error, ExtractError::hostile);
}

TEST_F(TarTest, ReportsCorruptTars) {
  auto tar = make_tar({{"presentation/rec-1/metadata.xml", std::string(5000, 'x')}});
  fs::resize_file(tar, 1500);  // cut in the middle of the data
  auto r = extract_tar(tar, dir / "out");
  EXPECT_EQ(r.error, ExtractError::corrupt) << r.message;
  std::ofstream(dir / "garbage.tar") << std::string(3000, 'g');
  fs::remove_all(dir / "out");
  EXPECT_EQ(extract_tar(dir / "garbage.tar", dir / "out").error, ExtractError::corrupt);
}

}  // namespace
}  // namespace bluemeet::recording

namespace bluemeet::recording {
namespace {

TEST_F(TarTest, ASpoolTarExtractsToTheSameTree) {
  fs::create_directories(dir / "src/presentation/rec-9/sub");
  std::ofstream(dir / "src/presentation/rec-9/metadata.xml") << "<recording/>";
  std::ofstream(dir / "src/presentation/rec-9/sub/events.json") << std::string(70000, 'e');
  fs::create_directories(dir / "spool");
  write_spool_tar(dir / "src", "rec-9", dir / "spool");
  EXPECT_FALSE(fs::exists(dir / "spool/.rec-9.tar.tmp"));
  auto r = extract_tar(dir / "spool/rec-9.tar", dir / "out");
  ASSERT_EQ(r.error, ExtractError::none) << r.message;
  EXPECT_EQ(r.files, 2u);
  EXPECT_EQ(fs::file_size(dir / "out/presentation/rec-9/sub/events.json"), 70000u);
}

}  // namespace
}  // namespace bluemeet::recording

namespace bluemeet::recording {
namespace {

TEST(RecordingQuery, MatchesAndPagesInMemory) {
  RecordingView a, b;
  a.record_id = "abc-1";
  a.meeting_id = "m1";
  a.state = "published";
  a.start_time = 1;
  a.meta = {{"course", "physics"}};
  b.record_id = "abd-2";
  b.meeting_id = "m2";
  b.state = "unpublished";
  b.start_time = 2;
  auto q = parse_recording_query(*bbb::Params::parse("recordID=ab&meta_course=physics"));
  EXPECT_TRUE(matches(a, q));
  EXPECT_FALSE(matches(b, q));
  EXPECT_TRUE(matches(b, parse_recording_query(*bbb::Params::parse("meetingID=m2"))));
  EXPECT_FALSE(matches(b, parse_recording_query(*bbb::Params::parse("meetingID=m2&state=published"))));
  auto all = page({a, b}, parse_recording_query(*bbb::Params::parse("")));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].record_id, "abd-2");  // newest first
  auto second = page({a, b}, parse_recording_query(*bbb::Params::parse("limit=1&offset=1")));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].record_id, "abc-1");
  EXPECT_TRUE(page({a}, parse_recording_query(*bbb::Params::parse("offset=5"))).empty());
}

TEST(PlaybackPath, AcceptsOnlySafeComponents) {
  auto p = parse_playback_path("/playback/presentation/rec-1/");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->format, "presentation");
  EXPECT_EQ(p->record_id, "rec-1");
  EXPECT_EQ(p->file, "index.html");
  EXPECT_EQ(parse_playback_path("/playback/presentation/rec-1/video/webcams.webm")->file, "video/webcams.webm");
  EXPECT_FALSE(parse_playback_path("/playback/presentation/rec-1/../../etc/passwd"));
  EXPECT_FALSE(parse_playback_path("/playback/presentation"));
  EXPECT_FALSE(parse_playback_path("/other/presentation/rec-1/"));
}

}  // namespace
}  // namespace bluemeet::recording
