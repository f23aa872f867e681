#include <gtest/gtest.h>

#include "delivery/retry_policy.h"

using bluemeet::delivery::RetryPolicy;

TEST(RetryPolicy, WebhookScheduleAndAnswers) {
  auto p = RetryPolicy::webhook();
  EXPECT_TRUE(p.finished(200));
  EXPECT_TRUE(p.finished(204));
  EXPECT_TRUE(p.finished(401));
  EXPECT_FALSE(p.finished(500));
  EXPECT_FALSE(p.finished(404));
  EXPECT_EQ(p.next_attempt(1, 0), 1000);
  EXPECT_EQ(p.next_attempt(5, 0), 30000);
  EXPECT_FALSE(p.next_attempt(6, 0));
}

TEST(RetryPolicy, CallbacksStopOnGoneReceivers) {
  auto p = RetryPolicy::callback();
  EXPECT_TRUE(p.finished(404));
  EXPECT_TRUE(p.finished(410));
  EXPECT_FALSE(p.finished(401));
  EXPECT_FALSE(p.finished(503));
  EXPECT_EQ(&RetryPolicy::for_kind("webhook"), &RetryPolicy::for_kind("webhook"));
}
