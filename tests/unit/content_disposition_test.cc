#include <gtest/gtest.h>

#include "net/content_disposition.h"

using bluemeet::net::content_disposition;

TEST(ContentDisposition, DownloadsCarryAnAsciiNameAndTheExactOne) {
  auto attachment_disposition = [](std::string_view name) { return content_disposition(true, name); };
  EXPECT_EQ(attachment_disposition("slides.pdf"), "attachment; filename=\"slides.pdf\"; filename*=UTF-8''slides.pdf");
  EXPECT_EQ(attachment_disposition("a \"b\"; è.pdf"),
            "attachment; filename=\"a _b_; _.pdf\"; filename*=UTF-8''a%20%22b%22%3B%20%C3%A8.pdf");
}

TEST(ContentDisposition, InlineFilesKeepTheirNameToo) {
  EXPECT_EQ(content_disposition(false, "Agenda «2026».pdf"),
            "inline; filename=\"Agenda _2026_.pdf\"; filename*=UTF-8''Agenda%20%C2%AB2026%C2%BB.pdf");
}
