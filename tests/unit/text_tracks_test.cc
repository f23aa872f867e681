#include "recording/text_tracks.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "recording/text_track_files.h"
#include "recording/text_track_upload.h"

namespace bluemeet::recording {
namespace {

TEST(TextTracks, WebVttIsKeptWithLineBreaksNormalised) {
  EXPECT_EQ(to_webvtt("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHello\r\n"), "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n");
  EXPECT_EQ(to_webvtt("\xEF\xBB\xBFWEBVTT - a title\n\n00:01.000 --> 00:02.000\nHi"),
            "WEBVTT - a title\n\n00:01.000 --> 00:02.000\nHi\n");
  EXPECT_EQ(to_webvtt("WEBVTT"), "WEBVTT\n");
  EXPECT_EQ(to_webvtt("WEBVTT\rold mac\r"), "WEBVTT\nold mac\n");
}

TEST(TextTracks, InvalidBytesAndControlsAreCleaned) {
  auto vtt = to_webvtt(std::string("WEBVTT\n\n00:01.000 --> 00:02.000\nbad\xff byte\x01!\n"));
  ASSERT_TRUE(vtt);
  EXPECT_EQ(*vtt, "WEBVTT\n\n00:01.000 --> 00:02.000\nbad\xEF\xBF\xBD byte!\n");
}

TEST(TextTracks, SrtIsConvertedToWebVtt) {
  const std::string srt =
      "\xEF\xBB\xBF" "1\r\n00:00:01,000 --> 00:00:02,500\r\nHello <i>world</i>\r\n\r\n"
      "2\r\n00:01:02,003 --> 01:02:03,004 X1:10 X2:20 Y1:1 Y2:2\r\nTwo lines\r\narrow --> here\r\n\r\n\r\n"
      "100:00:00,000 --> 100:00:01,000\r\nlong and no index\r\n";
  auto vtt = to_webvtt(srt);
  ASSERT_TRUE(vtt);
  EXPECT_EQ(*vtt,
            "WEBVTT\n\n"
            "1\n00:00:01.000 --> 00:00:02.500\nHello <i>world</i>\n\n"
            "2\n00:01:02.003 --> 01:02:03.004\nTwo lines\narrow --&gt; here\n\n"
            "100:00:00.000 --> 100:00:01.000\nlong and no index\n");
}

TEST(TextTracks, NeitherWebVttNorSrtIsRefused) {
  EXPECT_FALSE(to_webvtt(""));
  EXPECT_FALSE(to_webvtt("WEBVTTX\n"));
  EXPECT_FALSE(to_webvtt("just some text\nwith lines\n"));
  EXPECT_FALSE(to_webvtt("1\n00:00:01 --> 00:00:02\nno millis\n"));
  EXPECT_FALSE(to_webvtt("1\n00:61:01,000 --> 00:00:02,000\nbad minutes\n"));
  EXPECT_FALSE(to_webvtt("{\"json\": true}"));
}

TEST(TextTracks, LangAndFileNames) {
  EXPECT_EQ(normalize_lang(" en_US "), "en-US");
  EXPECT_EQ(normalize_lang("pt-BR"), "pt-BR");
  EXPECT_EQ(track_file_name("subtitles", "en-US"), "subtitles_en-US.vtt");
}

TEST(TextTracks, CaptionsJsonRoundTripsInBbbsApiShape) {
  std::vector<TextTrack> tracks{{"subtitles", "en-US", "English", "upload", "subtitles_en-US.vtt"},
                                {"captions", "de", "Deutsch \"DE\"", "upload", "captions_de.vtt"}};
  auto text = captions_index_json(tracks);
  EXPECT_EQ(boost::json::parse(text),
            boost::json::parse(R"([{"kind":"subtitles","label":"English","lang":"en-US","source":"upload"},)"
                               R"({"kind":"captions","label":"Deutsch \"DE\"","lang":"de","source":"upload"}])"));
  auto back = parse_captions_json(text);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].label, "Deutsch \"DE\"");
  EXPECT_EQ(back[1].file, "captions_de.vtt");
}

TEST(TextTracks, CaptionsJsonOfThePresentationPlayerListsLiveCaptions) {
  auto tracks = parse_captions_json(R"j([{"localeName":"English (United States)","locale":"en-US"},{"locale":"fr"}])j");
  ASSERT_EQ(tracks.size(), 2u);
  EXPECT_EQ(tracks[0].kind, "captions");
  EXPECT_EQ(tracks[0].lang, "en-US");
  EXPECT_EQ(tracks[0].label, "English (United States)");
  EXPECT_EQ(tracks[0].source, "live");
  EXPECT_EQ(tracks[0].file, "caption_en-US.vtt");
  EXPECT_EQ(tracks[1].label, "fr") << "the lang when there is no name";
}

TEST(TextTracks, CaptionsJsonSkipsWhatCannotBeServed) {
  EXPECT_TRUE(parse_captions_json("not json").empty());
  EXPECT_TRUE(parse_captions_json(R"({"kind":"captions"})").empty());
  auto tracks = parse_captions_json(R"([{"locale":"../../etc/passwd"},{"kind":"karaoke","lang":"en"},)"
                                    R"({"kind":"captions","lang":""},7,{"kind":"captions","lang":"en"}])");
  ASSERT_EQ(tracks.size(), 1u);
  EXPECT_EQ(tracks[0].file, "captions_en.vtt");
  EXPECT_EQ(tracks[0].source, "upload");
}

TEST(TextTracks, UploadsReplaceImportedTracksOfTheSameKindAndLang) {
  std::vector<TextTrack> uploaded{{"captions", "en-US", "Corrected", "upload", "captions_en-US.vtt"}};
  std::vector<TextTrack> imported{{"captions", "en-US", "English", "live", "caption_en-US.vtt"},
                                  {"captions", "de", "Deutsch", "live", "caption_de.vtt"}};
  auto merged = merge_tracks(uploaded, imported);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].label, "Corrected");
  EXPECT_EQ(merged[1].lang, "de");
}

TEST(TextTracks, AnswersHaveBbbsShapes) {
  EXPECT_EQ(boost::json::parse(text_tracks_json({{{"subtitles", "en-US", "English", "upload", "x"}, "https://h/x.vtt"}})),
            boost::json::parse(R"({"response":{"returncode":"SUCCESS","tracks":[{"href":"https://h/x.vtt",)"
                               R"("kind":"subtitles","label":"English","lang":"en-US","source":"upload"}]}})"));
  EXPECT_EQ(text_tracks_json({}), R"({"response":{"returncode":"SUCCESS","tracks":[]}})");
  EXPECT_EQ(upload_success_json("baz"),
            R"({"response":{"messageKey":"upload_text_track_success","message":"Text track uploaded successfully",)"
            R"("recordId":"baz","returncode":"SUCCESS"}})");
  EXPECT_EQ(boost::json::parse(empty_upload_json()).at("response").at("messageKey"), "empty_uploaded_text_track");
  EXPECT_EQ(boost::json::parse(upload_failed_json("x")).at("response").at("returncode"), "FAILED");
}

std::string key_of(const bbb::Answer& a) {
  return std::string(boost::json::parse(a.body).at("response").at("messageKey").as_string());
}

std::string multipart_body(std::string_view file, std::string_view extra = {}) {
  return (extra.empty() ? std::string() : "--B\r\n" + std::string(extra)) +
         "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.srt\"\r\n\r\n" + std::string(file) +
         "\r\n--B--\r\n";
}

TEST(TrackUpload, ReadsParametersFromTheQueryThenTheFormAndTheFile) {
  auto q = *bbb::Params::parse("recordID=%20rec-1%20&kind=subtitles&lang=en_US");
  // The upload's data points into the body: it must outlive the result.
  const std::string body =
      multipart_body("WEBVTT\n", "Content-Disposition: form-data; name=\"label\"\r\n\r\nEnglish\r\n"
                                 "--B\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncaptions\r\n");
  auto read = read_track_upload(q, "multipart/form-data; boundary=B", body);
  ASSERT_TRUE(std::holds_alternative<TrackUpload>(read));
  const auto& up = std::get<TrackUpload>(read);
  EXPECT_EQ(up.record_id, "rec-1");
  EXPECT_EQ(up.track.kind, "subtitles") << "the query wins over the form";
  EXPECT_EQ(up.track.lang, "en-US");
  EXPECT_EQ(up.track.label, "English");
  EXPECT_EQ(up.track.source, "upload");
  EXPECT_EQ(up.track.file, "subtitles_en-US.vtt");
  EXPECT_EQ(up.data, "WEBVTT\n");
}

TEST(TrackUpload, RefusesInBbbsOrder) {
  auto refused = [](std::string_view query, std::string_view type, std::string_view body) {
    auto r = read_track_upload(*bbb::Params::parse(query), type, body);
    return std::holds_alternative<bbb::Answer>(r) ? key_of(std::get<bbb::Answer>(r)) : std::string("accepted");
  };
  const std::string type = "multipart/form-data; boundary=B";
  EXPECT_EQ(refused("kind=captions&lang=en", type, multipart_body("x")), "paramError");
  EXPECT_EQ(refused("recordID=r&lang=en", type, multipart_body("x")), "paramError");
  EXPECT_EQ(refused("recordID=r&kind=live&lang=en", type, multipart_body("x")), "invalidKind");
  EXPECT_EQ(refused("recordID=r&kind=captions", type, multipart_body("x")), "paramError");
  EXPECT_EQ(refused("recordID=r&kind=captions&lang=e", type, multipart_body("x")), "invalidLang");
  EXPECT_EQ(refused("recordID=r&kind=captions&lang=en", type, multipart_body("")), "empty_uploaded_text_track");
  EXPECT_EQ(refused("recordID=r&kind=captions&lang=en", type, "not multipart"), "empty_uploaded_text_track");
  EXPECT_EQ(refused("recordID=r&kind=captions&lang=en", "text/vtt", "WEBVTT\n"), "empty_uploaded_text_track");
  EXPECT_EQ(refused("recordID=r&kind=captions&lang=en", type, multipart_body("x")), "accepted");
}

TEST(TrackUpload, ConvertsOrRefusesTheFile) {
  EXPECT_EQ(std::get<std::string>(upload_webvtt("WEBVTT")), "WEBVTT\n");
  EXPECT_EQ(key_of(std::get<bbb::Answer>(upload_webvtt("hello"))), "upload_text_track_failed");
  EXPECT_EQ(key_of(std::get<bbb::Answer>(upload_webvtt("WEBVTT\n" + std::string(kMaxTextTrackBytes, 'x')))),
            "upload_text_track_failed");
}

TEST(TrackUpload, PlaybackPathsOfTrackFiles) {
  EXPECT_EQ(uploaded_track_file("captions/subtitles_en.vtt"), "subtitles_en.vtt");
  EXPECT_FALSE(uploaded_track_file("captions/captions.json"));
  EXPECT_FALSE(uploaded_track_file("captions/.subtitles_en.vtt.abc.tmp"));
  EXPECT_FALSE(uploaded_track_file("captions/a/b.vtt"));
  EXPECT_FALSE(uploaded_track_file("caption_en.vtt"));
  EXPECT_FALSE(uploaded_track_file("index.html"));
}

TEST(TextTrackFiles, WritesAtomicallyAndReadsBack) {
  auto root = std::filesystem::temp_directory_path() / ("bluemeet_tt_" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  TextTrackFiles files(root);
  files.write_track("rec-1", "subtitles_en.vtt", "WEBVTT\n");
  files.write_track("rec-1", "subtitles_en.vtt", "WEBVTT\n\nnewer\n");
  files.write_index("rec-1", {{"subtitles", "en", "English", "upload", "subtitles_en.vtt"}});
  std::ifstream in(files.dir("rec-1") / "subtitles_en.vtt");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "WEBVTT\n\nnewer\n");
  auto index = files.read_index("rec-1");
  ASSERT_EQ(index.size(), 1u);
  EXPECT_EQ(index[0].label, "English");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(files.dir("rec-1"))) ++entries;
  EXPECT_EQ(entries, 2u) << "no temporary file left behind";
  EXPECT_TRUE(files.read_index("no-such").empty());
  files.remove("rec-1");
  EXPECT_FALSE(std::filesystem::exists(files.dir("rec-1")));
  EXPECT_THROW(write_file_atomic(root / "missing-dir" / "x", "x"), std::filesystem::filesystem_error);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace bluemeet::recording
