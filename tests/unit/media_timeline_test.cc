#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "recording/media_timeline.h"

namespace bluemeet::recording {
namespace {

std::string mjr(const std::string& json) {
  std::string s = "MJR00002";
  s.push_back(static_cast<char>(json.size() >> 8));
  s.push_back(static_cast<char>(json.size() & 0xff));
  return s + json + "MEET";
}

TEST(MediaTimeline, AudioFileNamesCarryTheirStart) {
  EXPECT_EQ(audio_file_epoch_ms("audio-1765033200123.wav"), 1765033200123);
  EXPECT_EQ(audio_file_epoch_ms("audio-1765033200123.wav.tmp"), 1765033200123);
  EXPECT_EQ(audio_file_epoch_ms("audio-12x.wav"), std::nullopt);
  EXPECT_EQ(audio_file_epoch_ms("audio-.wav"), std::nullopt);
  EXPECT_EQ(audio_file_epoch_ms("media.jsonl"), std::nullopt);
  EXPECT_EQ(without_tmp_suffix("a.mjr.tmp"), "a.mjr");
  EXPECT_EQ(without_tmp_suffix("a.mjr"), "a.mjr");
}

TEST(MediaTimeline, MjrNamesGiveRoomFeedAndKind) {
  auto n = parse_mjr_name("videoroom-42-user-7781-1765033200123456-video-0.mjr.tmp");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->room, 42u);
  EXPECT_EQ(n->feed, 7781u);
  EXPECT_EQ(n->epoch_us, 1765033200123456);
  EXPECT_EQ(n->kind, "video");
  EXPECT_FALSE(parse_mjr_name("videoroom-42-7781-1-video-0.mjr"));
  EXPECT_FALSE(parse_mjr_name("videoroom-42-user-x-1-video-0.mjr"));
  EXPECT_FALSE(parse_mjr_name("audio-1.wav"));
}

TEST(MediaTimeline, MjrHeaderIsReadFromTheFileStart) {
  auto h = parse_mjr_header(mjr(R"({"t":"v","c":"vp8","s":1765033200100000,"u":1765033200350000})"));
  ASSERT_TRUE(h);
  EXPECT_EQ(h->type, "v");
  EXPECT_EQ(h->codec, "vp8");
  EXPECT_EQ(h->created_us, 1765033200100000);
  EXPECT_EQ(h->first_packet_us, 1765033200350000);
  EXPECT_FALSE(parse_mjr_header("MJR00002"));
  EXPECT_FALSE(parse_mjr_header(mjr("not json")));
  EXPECT_FALSE(parse_mjr_header("RIFF....WAVEfmt "));
  auto cut = mjr(R"({"t":"v","c":"vp8","s":1})");
  EXPECT_FALSE(parse_mjr_header(cut.substr(0, cut.size() - 8)));
}

TEST(MediaTimeline, VideoStartsAtItsFirstPacket) {
  MjrHeader h{"v", "vp8", 1765033200100000, 1765033200350000};
  auto name = parse_mjr_name("videoroom-1-user-2-1765033200000000-video-0.mjr");
  EXPECT_EQ(video_start_ms(&h, name), 1765033200350);
  h.first_packet_us = 0;
  EXPECT_EQ(video_start_ms(&h, name), 1765033200100);
  EXPECT_EQ(video_start_ms(nullptr, name), 1765033200000);
  EXPECT_EQ(video_start_ms(nullptr, std::nullopt), std::nullopt);
}

TEST(MediaTimeline, NotesSayWhoseFeedsAreAndWhenStretchesBegan) {
  auto notes = parse_media_notes(
      "{\"at\":1000,\"event\":\"publisher\",\"feed\":5,\"userId\":\"w_a\",\"name\":\"Ann\",\"source\":\"camera\"}\n"
      "{\"at\":2000,\"event\":\"recording-on\",\"audioFile\":\"audio-1999.wav\"}\n"
      "{\"at\":3000,\"event\":\"recording-off\"}\n"
      "{\"at\":3500,\"event\":\"publisher\",\"feed\":6,\"userId\":\"w_a\",\"name\":\"Ann\",\"source\":\"screen\"}\n"
      "{\"at\":4000,\"event\":\"recording-on\",\"audioFile\":\"odd.wav\"}\n"
      "{\"at\":4100,\"event\":\"publ");  // cut by a crash
  ASSERT_EQ(notes.publishers.size(), 2u);
  EXPECT_EQ(notes.publishers.at(5).name, "Ann");
  EXPECT_EQ(notes.publishers.at(5).source, "camera");
  EXPECT_EQ(notes.publishers.at(6).source, "screen");
  EXPECT_EQ(notes.publishers.at(6).user_id, "w_a");
  // The name's epoch first, the note for names without one.
  EXPECT_EQ(audio_start_ms("audio-1999.wav", notes), 1999);
  EXPECT_EQ(audio_start_ms("odd.wav.tmp", notes), 4000);
  EXPECT_EQ(audio_start_ms("other.wav", notes), std::nullopt);
}

TEST(MediaTimeline, ContainersFollowTheCodec) {
  EXPECT_EQ(video_container_for("vp8"), "webm");
  EXPECT_EQ(video_container_for("vp9"), "webm");
  EXPECT_EQ(video_container_for("h264"), "mp4");
  EXPECT_EQ(video_container_for("opus"), std::nullopt);
}

TEST(MediaTimeline, TheMixPlacesEachStretchAtItsOffset) {
  auto argv = audio_mix_argv("/usr/bin/ffmpeg", {{"/r/a.wav", 1500}, {"/r/b.wav.tmp", 9000}}, 12345, "/p/audio.webm");
  ASSERT_GE(argv.size(), 4u);
  EXPECT_EQ(argv.front(), "/usr/bin/ffmpeg");
  EXPECT_EQ(argv.back(), "/p/audio.webm");
  auto at = [&](const std::string& s) { return std::find(argv.begin(), argv.end(), s); };
  ASSERT_NE(at("/r/a.wav"), argv.end());
  EXPECT_EQ(*(at("/r/a.wav") - 1), "-i");
  EXPECT_EQ(*(at("/r/a.wav") - 2), "1");
  EXPECT_EQ(*(at("/r/a.wav") - 3), "-ignore_length");
  ASSERT_NE(at("-filter_complex"), argv.end());
  const auto& graph = *(at("-filter_complex") + 1);
  EXPECT_NE(graph.find("[0:a]aformat=sample_rates=48000:channel_layouts=mono,adelay=delays=1500:all=1[a0]"),
            std::string::npos)
      << graph;
  EXPECT_NE(graph.find("[1:a]aformat=sample_rates=48000:channel_layouts=mono,adelay=delays=9000:all=1[a1]"),
            std::string::npos)
      << graph;
  EXPECT_NE(graph.find("[a0][a1]amix=inputs=2:duration=longest:normalize=0,atrim=end=12.345,apad=whole_dur=12.345[out]"),
            std::string::npos)
      << graph;
  EXPECT_NE(at("libopus"), argv.end());
  EXPECT_EQ(*(at("-f") + 1), "webm");
  EXPECT_EQ(at("sh"), argv.end());
}

TEST(MediaTimeline, OneStretchNeedsNoMixAndEarlyOnesAreCut) {
  auto argv = audio_mix_argv("ffmpeg", {{"a.wav", -250}}, 5000, "o.webm");
  auto graph = *(std::find(argv.begin(), argv.end(), "-filter_complex") + 1);
  EXPECT_EQ(graph,
            "[0:a]aformat=sample_rates=48000:channel_layouts=mono,atrim=start=0.250,asetpts=PTS-STARTPTS,"
            "atrim=end=5.000,apad=whole_dur=5.000[out]");
  argv = audio_mix_argv("ffmpeg", {{"a.wav", 0}}, 61000, "o.webm");
  graph = *(std::find(argv.begin(), argv.end(), "-filter_complex") + 1);
  EXPECT_EQ(graph, "[0:a]aformat=sample_rates=48000:channel_layouts=mono,atrim=end=61.000,apad=whole_dur=61.000[out]");
}

TEST(MediaTimeline, ProbedDurationsInMs) {
  EXPECT_EQ(parse_probe_duration_ms("12.345000\n"), 12345);
  EXPECT_EQ(parse_probe_duration_ms("7\n"), 7000);
  EXPECT_EQ(parse_probe_duration_ms("0.5"), 500);
  EXPECT_EQ(parse_probe_duration_ms("N/A\n"), std::nullopt);
  EXPECT_EQ(parse_probe_duration_ms(""), std::nullopt);
  auto argv = probe_duration_argv("/usr/bin/ffprobe", "/p/a.webm");
  EXPECT_EQ(argv.front(), "/usr/bin/ffprobe");
  EXPECT_EQ(argv.back(), "/p/a.webm");
}

TEST(MediaTimeline, TheManifestListsAudioAndVideos) {
  VideoTrack v;
  v.file = "video/0.webm";
  v.offset_ms = 2000;
  v.duration_ms = 3000;
  v.owner = {"w_a", "Ann \"A\"", "camera"};
  EXPECT_EQ(media_manifest_json(MediaTrack{"audio.webm", 0, 9000}, {v}),
            R"({"audio":{"file":"audio.webm","offset":0,"duration":9000},"videos":[{"file":"video/0.webm","offset":2000,)"
            R"("duration":3000,"userId":"w_a","name":"Ann \"A\"","source":"camera"}]})");
  EXPECT_EQ(media_manifest_json(std::nullopt, {}), R"({"audio":null,"videos":[]})");
}

}  // namespace
}  // namespace bluemeet::recording
