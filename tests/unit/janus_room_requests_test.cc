#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <stdexcept>

#include "media/janus_room_requests.h"

namespace bluemeet::media {
namespace {

TEST(JanusRoomRequests, AnAudioRoomMixesAt48kHzAndAcceptsPlainRtp) {
  AudioRoomOptions o;
  o.room = 1234;
  o.secret = "s";
  auto r = audio_room_create_request(o);
  EXPECT_EQ(r.at("request").as_string(), "create");
  EXPECT_EQ(r.at("room").as_uint64(), 1234u);
  EXPECT_EQ(r.at("sampling_rate").as_int64(), 48000);
  EXPECT_EQ(r.at("allow_rtp_participants").as_bool(), true);
  EXPECT_EQ(r.at("secret").as_string(), "s");
  EXPECT_EQ(r.at("permanent").as_bool(), false);
  EXPECT_EQ(r.at("audiolevel_event").as_bool(), true);
  EXPECT_FALSE(r.contains("record"));
}

TEST(JanusRoomRequests, AnAudioRoomRecordsItsMixWhenAskedTo) {
  AudioRoomOptions o;
  o.room = 7;
  o.secret = "s";
  o.record_dir = "/var/lib/bluemeet/rec/m1";
  auto r = audio_room_create_request(o);
  EXPECT_EQ(r.at("record").as_bool(), true);
  EXPECT_EQ(r.at("record_dir").as_string(), "/var/lib/bluemeet/rec/m1");
  EXPECT_EQ(r.at("record_file").as_string(), "audio-7.wav");
}

TEST(JanusRoomRequests, AVideoRoomHasItsPublishersAndCodecs) {
  VideoRoomOptions o;
  o.room = 99;
  o.secret = "s";
  o.publishers = 25;
  auto r = video_room_create_request(o);
  EXPECT_EQ(r.at("publishers").as_int64(), 25);
  EXPECT_EQ(r.at("videocodec").as_string(), "vp8");
  EXPECT_EQ(r.at("audiocodec").as_string(), "opus");
  EXPECT_EQ(r.at("permanent").as_bool(), false);
  EXPECT_FALSE(r.contains("record"));
  o.record_dir = "/srv/rec";
  r = video_room_create_request(o);
  EXPECT_EQ(r.at("record").as_bool(), true);
  EXPECT_EQ(r.at("rec_dir").as_string(), "/srv/rec");
  EXPECT_EQ(r.at("lock_record").as_bool(), true);
}

TEST(JanusRoomRequests, DestroyAndExistsNameTheRoom) {
  auto d = room_destroy_request(5, "sec");
  EXPECT_EQ(d.at("request").as_string(), "destroy");
  EXPECT_EQ(d.at("room").as_uint64(), 5u);
  EXPECT_EQ(d.at("secret").as_string(), "sec");
  EXPECT_EQ(d.at("permanent").as_bool(), false);
  auto e = room_exists_request(5);
  EXPECT_EQ(e.at("request").as_string(), "exists");
}

TEST(JanusRoomRequests, BadRoomsAreRefused) {
  AudioRoomOptions a;
  a.secret = "s";
  a.room = 0;
  EXPECT_THROW(audio_room_create_request(a), std::invalid_argument);
  a.room = kMaxRoomId + 1;
  EXPECT_THROW(audio_room_create_request(a), std::invalid_argument);
  a.room = kMaxRoomId;
  EXPECT_NO_THROW(audio_room_create_request(a));
  a.sampling_rate = 44100;
  EXPECT_THROW(audio_room_create_request(a), std::invalid_argument);
  a.sampling_rate = 16000;
  a.record_dir = "relative";
  EXPECT_THROW(audio_room_create_request(a), std::invalid_argument);
  VideoRoomOptions v;
  v.room = 1;
  EXPECT_THROW(video_room_create_request(v), std::invalid_argument);  // no secret
  v.secret = "s";
  v.publishers = 0;
  EXPECT_THROW(video_room_create_request(v), std::invalid_argument);
  EXPECT_THROW(room_destroy_request(1, ""), std::invalid_argument);
  EXPECT_THROW(room_exists_request(0), std::invalid_argument);
}

TEST(JanusRoomRequests, AnswersAreRead) {
  auto exists = boost::json::parse(R"j({"audiobridge":"success","room":5,"exists":true})j").as_object();
  EXPECT_EQ(read_room_exists(exists), true);
  auto missing = boost::json::parse(R"j({"videoroom":"success"})j").as_object();
  EXPECT_FALSE(read_room_exists(missing));
  auto list = boost::json::parse(
                  R"j({"videoroom":"success","list":[{"room":5,"description":"a"},{"room":9007199254740991},{"x":1},3]})j")
                  .as_object();
  EXPECT_EQ(read_room_list(list), (std::vector<std::uint64_t>{5, 9007199254740991u}));
  EXPECT_TRUE(read_room_list(missing).empty());
}

}  // namespace
}  // namespace bluemeet::media
