#include <gtest/gtest.h>

#include "gateway/domain/health.h"

using namespace bluemeet::gateway;
using bluemeet::util::Millis;

namespace {

HealthTracker online_tracker(HealthPolicy p = {}) { return HealthTracker(p, Health::online); }

}  // namespace

TEST(Health, OneFailureMakesUnstableThreeMakeOffline) {
  auto h = online_tracker();
  EXPECT_TRUE(h.poll_failed(0));
  EXPECT_EQ(h.health(), Health::unstable);
  EXPECT_FALSE(h.poll_failed(1));
  EXPECT_EQ(h.health(), Health::unstable);
  EXPECT_TRUE(h.poll_failed(2));
  EXPECT_EQ(h.health(), Health::offline);
  EXPECT_FALSE(h.poll_failed(3));
  EXPECT_EQ(h.health(), Health::offline);
  EXPECT_EQ(h.consecutive_failures(), 4);
}

TEST(Health, TwoSuccessesInARowBringItBack) {
  auto h = online_tracker();
  h.poll_failed(0);
  EXPECT_FALSE(h.poll_succeeded(1));  // one good poll is not enough
  EXPECT_EQ(h.health(), Health::unstable);
  EXPECT_TRUE(h.poll_succeeded(2));
  EXPECT_EQ(h.health(), Health::online);
  EXPECT_FALSE(h.poll_succeeded(3));

  for (int i = 0; i < 3; ++i) h.poll_failed(10 + i);
  ASSERT_EQ(h.health(), Health::offline);
  EXPECT_FALSE(h.poll_succeeded(20));
  EXPECT_EQ(h.health(), Health::offline);  // not unstable: its meetings have moved on
  EXPECT_TRUE(h.poll_succeeded(21));
  EXPECT_EQ(h.health(), Health::online);
}

TEST(Health, FailuresAndSuccessesMustBeConsecutive) {
  auto h = online_tracker();
  // Failure, success, failure, success...: unstable, never offline, never back.
  for (int i = 0; i < 10; ++i) {
    h.poll_failed(2 * i);
    h.poll_succeeded(2 * i + 1);
    EXPECT_EQ(h.health(), Health::unstable);
  }
  h.poll_failed(100);
  h.poll_failed(101);
  h.poll_succeeded(102);
  h.poll_failed(103);
  h.poll_failed(104);
  EXPECT_EQ(h.health(), Health::unstable);
  h.poll_failed(105);
  EXPECT_EQ(h.health(), Health::offline);
}

TEST(Health, NewServerIsPolledAtOnceAndTrustedWhenItAnswers) {
  HealthTracker h;
  EXPECT_EQ(h.health(), Health::offline);
  EXPECT_EQ(h.next_poll_delay(123), 0);  // poll it at once
  h.poll_succeeded(0);
  EXPECT_EQ(h.health(), Health::online);  // never seen failing: no reason to wait
}

TEST(Health, BackoffGrowsAndCapsForOfflineServers) {
  HealthPolicy p;  // 5 s interval, 60 s cap
  auto h = online_tracker(p);
  EXPECT_EQ(h.poll_timeout(), p.timeout);
  h.poll_failed(0);
  EXPECT_EQ(h.next_poll_delay(0), 5000);  // unstable: keep watching closely
  EXPECT_EQ(h.next_poll_delay(2000), 3000);
  EXPECT_EQ(h.next_poll_delay(9000), 0);
  h.poll_failed(0);
  EXPECT_EQ(h.next_poll_delay(0), 5000);
  EXPECT_EQ(h.poll_timeout(), p.timeout);
  h.poll_failed(0);  // offline now
  EXPECT_EQ(h.poll_timeout(), p.down_timeout);
  EXPECT_LT(p.down_timeout, p.timeout);
  EXPECT_EQ(h.next_poll_delay(0), 5000);  // the back-off starts from the interval
  const Millis expected[] = {10000, 20000, 40000, 60000, 60000, 60000};
  for (Millis e : expected) {
    h.poll_failed(0);
    EXPECT_EQ(h.next_poll_delay(0), e);
  }
  for (int i = 0; i < 1000; ++i) h.poll_failed(0);  // no overflow however long it stays down
  EXPECT_EQ(h.next_poll_delay(0), 60000);
}

TEST(Health, NormalIntervalAfterRecovery) {
  HealthPolicy p;
  auto h = online_tracker(p);
  for (int i = 0; i < 8; ++i) h.poll_failed(0);
  ASSERT_GT(h.next_poll_delay(0), p.interval);
  h.poll_succeeded(100'000);  // still offline, but confirm quickly
  EXPECT_EQ(h.next_poll_delay(100'000), p.interval);
  EXPECT_EQ(h.poll_timeout(), p.down_timeout);
  h.poll_succeeded(105'000);
  EXPECT_EQ(h.health(), Health::online);
  EXPECT_EQ(h.next_poll_delay(105'000), p.interval);
  EXPECT_EQ(h.poll_timeout(), p.timeout);
}

TEST(Health, PolicyIsConfigurable) {
  HealthPolicy p;
  p.failures_to_offline = 1;
  p.successes_to_online = 1;
  p.interval = 1000;
  p.max_backoff = 3000;
  auto h = online_tracker(p);
  EXPECT_TRUE(h.poll_failed(0));
  EXPECT_EQ(h.health(), Health::offline);
  h.poll_failed(0);
  h.poll_failed(0);
  EXPECT_EQ(h.next_poll_delay(0), 3000);
  EXPECT_TRUE(h.poll_succeeded(0));
  EXPECT_EQ(h.health(), Health::online);
}

TEST(Health, AfterAFailureComingBackTakesTheUsualGoodPolls) {
  bluemeet::gateway::HealthTracker t;
  EXPECT_TRUE(t.poll_succeeded(1000));
  t.poll_failed(2000);
  t.poll_failed(3000);
  t.poll_failed(4000);
  EXPECT_EQ(t.health(), bluemeet::gateway::Health::offline);
  t.poll_succeeded(5000);
  EXPECT_NE(t.health(), bluemeet::gateway::Health::online);
  t.poll_succeeded(6000);
  EXPECT_EQ(t.health(), bluemeet::gateway::Health::online);
}
