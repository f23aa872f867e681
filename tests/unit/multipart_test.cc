#include "bbb/multipart.h"

#include <gtest/gtest.h>

#include <string>

namespace bluemeet::bbb {
namespace {

std::string form(std::string_view boundary, std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& p : parts) out += "--" + std::string(boundary) + "\r\n" + p + "\r\n";
  return out + "--" + std::string(boundary) + "--\r\n";
}

TEST(MultipartBoundary, TakesQuotedOrPlainAndRefusesOtherTypes) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\""), "a b;c");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=----WebKitFormBoundaryX"), "----WebKitFormBoundaryX");
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=abc"));
  EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"unterminated"));
}

TEST(Multipart, SplitsFieldsAndFiles) {
  auto body = form("XyZ", {"Content-Disposition: form-data; name=\"kind\"\r\n\r\nsubtitles",
                           "content-disposition: form-data; name=\"file\"; filename=\"en.vtt\"\r\n"
                           "Content-Type: Text/VTT; charset=utf-8\r\n\r\nWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi"});
  auto parts = parse_multipart(body, "XyZ");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "kind");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[0].data, "subtitles");
  const auto* file = find_part(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "en.vtt");
  EXPECT_EQ(file->content_type, "text/vtt");
  EXPECT_EQ(file->data, "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi");
  EXPECT_EQ(find_part(*parts, "label"), nullptr);
}

TEST(Multipart, KeepsBinaryAndBoundaryLikeBytesInsideData) {
  // A delimiter counts only at the start of a line: "--XyZ" after other bytes is data.
  const std::string data = std::string("a\0\xff", 3) + "--XyZ\r\n\r\n";
  // Parts point into the body: it must outlive them.
  const std::string body = form("XyZ", {"Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n" + data});
  auto parts = parse_multipart(body, "XyZ");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, data);
  EXPECT_EQ((*parts)[0].filename, "");
}

TEST(Multipart, IgnoresPreambleEpilogueAndPadding) {
  std::string body = "preamble\r\n--b  \t\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--epilogue";
  auto parts = parse_multipart(body, "b");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "a");
  EXPECT_EQ((*parts)[0].data, "1");
}

TEST(Multipart, UnescapesQuotedNames) {
  auto parts = parse_multipart(form("b", {R"(Content-Disposition: form-data; name="a\"b"; filename="c\\d.vtt")" "\r\n\r\nx"}), "b");
  ASSERT_TRUE(parts);
  EXPECT_EQ((*parts)[0].name, "a\"b");
  EXPECT_EQ((*parts)[0].filename, "c\\d.vtt");
}

TEST(Multipart, EmptyFormAndEmptyData) {
  auto none = parse_multipart("--b--\r\n", "b");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto empty = parse_multipart(form("b", {"Content-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n"}), "b");
  ASSERT_TRUE(empty);
  EXPECT_EQ((*empty)[0].data, "");
}

TEST(Multipart, RefusesMalformedBodies) {
  const std::string ok = "Content-Disposition: form-data; name=\"a\"\r\n\r\n1";
  EXPECT_FALSE(parse_multipart("", "b"));
  EXPECT_FALSE(parse_multipart("no delimiter at all", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\n" + ok, "b")) << "no closing delimiter";
  EXPECT_FALSE(parse_multipart("--b\r\n" + ok + "\r\n--bb\r\n", "b")) << "a longer boundary is not this one";
  EXPECT_FALSE(parse_multipart(form("b", {"Content-Disposition: attachment; name=\"a\"\r\n\r\n1"}), "b"));
  EXPECT_FALSE(parse_multipart(form("b", {"Content-Disposition: form-data\r\n\r\n1"}), "b")) << "no name";
  EXPECT_FALSE(parse_multipart(form("b", {"Content-Type: text/plain\r\n\r\n1"}), "b")) << "no disposition";
  EXPECT_FALSE(parse_multipart(form("b", {"Content-Disposition: form-data; name=\"a\r\n\r\n1"}), "b"));
  EXPECT_FALSE(parse_multipart(form("b", {"garbage line\r\n\r\n1"}), "b"));
  EXPECT_FALSE(parse_multipart(form("b", {ok}), ""));
}

TEST(Multipart, EnforcesLimits) {
  const std::string part = "Content-Disposition: form-data; name=\"a\"\r\n\r\n1";
  EXPECT_TRUE(parse_multipart(form("b", {part, part}), "b", {.max_parts = 2}));
  EXPECT_FALSE(parse_multipart(form("b", {part, part, part}), "b", {.max_parts = 2}));
  std::string big = "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(200, 'p') + "\r\n\r\n1";
  EXPECT_TRUE(parse_multipart(form("b", {big}), "b", {.max_header_bytes = 300}));
  EXPECT_FALSE(parse_multipart(form("b", {big}), "b", {.max_header_bytes = 100}));
}

}  // namespace
}  // namespace bluemeet::bbb
