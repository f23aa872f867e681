#include <gtest/gtest.h>

#include "node_test_util.h"

using namespace bluemeet::node;
using namespace bluemeet::node::testing;

namespace {

Meeting make(std::string_view extra = "") {
  std::string q = "meetingID=m1&name=Room&attendeePW=ap&moderatorPW=mp";
  q += extra;
  return Meeting(options(q), "int-1", 1'000'000, "70001");
}

template <class E>
std::vector<E> all_of(const Events& events) {
  std::vector<E> out;
  for (const auto& e : events)
    if (const auto* x = std::get_if<E>(&e)) out.push_back(*x);
  return out;
}

LockSettings locked(bool cam, bool mic) {
  LockSettings l;
  l.disable_cam = cam;
  l.disable_mic = mic;
  return l;
}

}  // namespace

TEST(MeetingMedia, JoiningTheMicrophoneIsMutedWhenTheMeetingSaysSo) {
  auto m = make("&muteOnStart=true");
  auto t = enter(m, "w_t", as("T", Role::moderator), 1);
  auto mutes = all_of<ev::MediaMute>(m.media_audio(t, MediaState::Audio::mic));
  ASSERT_EQ(mutes.size(), 1u);
  EXPECT_TRUE(mutes[0].muted);
  EXPECT_TRUE(m.user(t)->media.muted);

  auto open = make();
  auto s = enter(open, "w_s", as("S", Role::viewer), 1);
  EXPECT_FALSE(all_of<ev::MediaMute>(open.media_audio(s, MediaState::Audio::mic))[0].muted);
  EXPECT_EQ(open.voice_participant_count(), 1);
  open.media_audio(s, MediaState::Audio::listen);
  EXPECT_EQ(open.listener_count(), 1);
}

TEST(MeetingMedia, OnlyOneselfUnmutesAndModeratorsOnlyMuteOthers) {
  auto m = make();
  auto t = enter(m, "w_t", as("T", Role::moderator), 1);
  auto s = enter(m, "w_s", as("S", Role::viewer), 2);
  m.media_audio(s, MediaState::Audio::mic);
  ActionError err = ActionError::none;
  EXPECT_TRUE(m.set_muted(s, t, true, err).empty());
  EXPECT_EQ(err, ActionError::forbidden);  // a viewer mutes nobody else
  err = ActionError::none;
  EXPECT_EQ(all_of<ev::MediaMute>(m.set_muted(t, s, true, err)).size(), 1u);
  EXPECT_TRUE(m.user(s)->media.muted);
  EXPECT_TRUE(m.set_muted(t, s, false, err).empty());
  EXPECT_EQ(err, ActionError::forbidden);  // nor does a moderator unmute someone
  err = ActionError::none;
  EXPECT_EQ(all_of<ev::MediaMute>(m.set_muted(s, s, false, err)).size(), 1u);
  EXPECT_EQ(err, ActionError::none);
  EXPECT_TRUE(m.set_muted(t, t, true, err).empty());
  EXPECT_EQ(err, ActionError::not_found);  // not in the audio
}

TEST(MeetingMedia, MuteAllSparesModeratorsAndOptionallyThePresenterAndBindsLaterJoins) {
  auto m = make();
  auto t = enter(m, "w_t", as("T", Role::moderator), 1);
  auto a = enter(m, "w_a", as("A", Role::viewer), 2);
  auto b = enter(m, "w_b", as("B", Role::viewer), 3);
  for (const auto& id : {t, a, b}) m.media_audio(id, MediaState::Audio::mic);
  ActionError err = ActionError::none;
  m.set_presenter(t, a, err);
  auto mutes = all_of<ev::MediaMute>(m.mute_all(t, true, true, err));
  ASSERT_EQ(mutes.size(), 1u);
  EXPECT_EQ(mutes[0].user_id, b);
  EXPECT_FALSE(m.user(t)->media.muted);
  EXPECT_FALSE(m.user(a)->media.muted);
  auto c = enter(m, "w_c", as("C", Role::viewer), 4);
  EXPECT_TRUE(all_of<ev::MediaMute>(m.media_audio(c, MediaState::Audio::mic))[0].muted);
  // Lifting it unmutes nobody, but lets them unmute themselves.
  EXPECT_TRUE(all_of<ev::MediaMute>(m.mute_all(t, false, false, err)).empty());
  EXPECT_EQ(all_of<ev::MediaMute>(m.set_muted(b, b, false, err)).size(), 1u);
  EXPECT_TRUE(m.mute_all(b, true, false, err).empty());
  EXPECT_EQ(err, ActionError::forbidden);
}

TEST(MeetingMedia, LocksTakeAwayWhatLockedViewersSendAndForbidItAfterwards) {
  auto m = make();
  auto t = enter(m, "w_t", as("T", Role::moderator), 1);
  auto s = enter(m, "w_s", as("S", Role::viewer), 2);
  m.media_audio(s, MediaState::Audio::mic);
  m.media_audio(t, MediaState::Audio::mic);
  m.media_published(s, MediaSource::camera, true);
  m.media_published(t, MediaSource::camera, true);
  ActionError err = ActionError::none;
  auto events = m.set_lock(t, locked(true, true), err);
  auto revoked = all_of<ev::MediaRevoked>(events);
  ASSERT_EQ(revoked.size(), 1u);  // moderators are never locked
  EXPECT_EQ(revoked[0].user_id, s);
  EXPECT_EQ(revoked[0].source, MediaSource::camera);
  auto mutes = all_of<ev::MediaMute>(events);
  ASSERT_EQ(mutes.size(), 1u);
  EXPECT_EQ(mutes[0].user_id, s);
  EXPECT_FALSE(m.user(s)->media.video);
  EXPECT_FALSE(m.may_publish(*m.user(s), MediaSource::camera));
  EXPECT_TRUE(m.may_publish(*m.user(t), MediaSource::camera));
  EXPECT_TRUE(m.set_muted(s, s, false, err).empty());
  EXPECT_EQ(err, ActionError::locked);
}

TEST(MeetingMedia, TheScreenIsThePresentersAndGoesWithTheRole) {
  auto m = make();
  auto t = enter(m, "w_t", as("T", Role::moderator), 1);
  auto s = enter(m, "w_s", as("S", Role::viewer), 2);
  EXPECT_TRUE(m.may_publish(*m.user(t), MediaSource::screen));
  EXPECT_FALSE(m.may_publish(*m.user(s), MediaSource::screen));
  m.media_published(t, MediaSource::screen, true);
  ActionError err = ActionError::none;
  auto revoked = all_of<ev::MediaRevoked>(m.set_presenter(t, s, err));
  ASSERT_EQ(revoked.size(), 1u);
  EXPECT_EQ(revoked[0].user_id, t);
  EXPECT_EQ(revoked[0].source, MediaSource::screen);
  EXPECT_TRUE(m.may_publish(*m.user(s), MediaSource::screen));
}

TEST(MeetingMedia, WebcamsOnlyForModeratorHidesViewersCamerasFromOtherViewers) {
  auto m = make("&webcamsOnlyForModerator=true");
  auto t = enter(m, "w_t", as("T", Role::moderator), 1);
  auto a = enter(m, "w_a", as("A", Role::viewer), 2);
  auto b = enter(m, "w_b", as("B", Role::viewer), 3);
  EXPECT_TRUE(m.sees_camera_of(*m.user(a), *m.user(t)));
  EXPECT_TRUE(m.sees_camera_of(*m.user(a), *m.user(a)));
  EXPECT_FALSE(m.sees_camera_of(*m.user(a), *m.user(b)));
  EXPECT_TRUE(m.sees_camera_of(*m.user(t), *m.user(b)));
  auto open = make();
  auto x = enter(open, "w_x", as("X", Role::viewer), 1);
  auto y = enter(open, "w_y", as("Y", Role::viewer), 2);
  EXPECT_TRUE(open.sees_camera_of(*open.user(x), *open.user(y)));
}

TEST(MeetingMedia, TalkingNeedsAnOpenMicrophone) {
  auto m = make();
  auto t = enter(m, "w_t", as("T", Role::moderator), 1);
  EXPECT_TRUE(m.media_talking(t, true).empty());  // not in the audio
  m.media_audio(t, MediaState::Audio::mic);
  EXPECT_EQ(m.media_talking(t, true).size(), 1u);
  EXPECT_TRUE(m.user(t)->media.talking);
  ActionError err = ActionError::none;
  m.set_muted(t, t, true, err);
  EXPECT_FALSE(m.user(t)->media.talking);
  EXPECT_TRUE(m.media_talking(t, true).empty());
}
