#include <gtest/gtest.h>

#include "mail/message.h"
#include "mail/smtp_client.h"

using namespace bluemeet::mail;

TEST(MailMessage, HeadersAndAQuotedPrintableBody) {
  Message m{"Campus <meet@campus.example.org>", "ada@example.org", "Conferma l'indirizzo — ora", "Ciao Ada,\nàè =\n"};
  auto text = render(m, "Sun, 06 Dec 2026 11:00:00 +0000", "abc@campus.example.org");
  EXPECT_NE(text.find("From: Campus <meet@campus.example.org>\r\n"), std::string::npos);
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos) << "a non-ASCII subject is an encoded word";
  EXPECT_NE(text.find("Message-ID: <abc@campus.example.org>\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n\r\nCiao Ada,\r\n=C3=A0=C3=A8 =3D\r\n"), std::string::npos) << text;
  EXPECT_EQ(encoded_word("plain subject"), "plain subject");
}

TEST(MailMessage, LongLinesGetSoftBreaksAndTrailingSpacesAreEncoded) {
  auto qp = quoted_printable(std::string(200, 'a') + " \nend");
  for (std::size_t from = 0, eol; (eol = qp.find("\r\n", from)) != std::string::npos; from = eol + 2)
    EXPECT_LE(eol - from, 76u);
  EXPECT_NE(qp.find("=20\r\nend"), std::string::npos);
}

TEST(MailMessage, DotStuffingAndTheEnd) {
  EXPECT_EQ(dot_stuff("a\r\n.b\r\n"), "a\r\n..b\r\n.\r\n");
  EXPECT_EQ(dot_stuff("no newline"), "no newline\r\n.\r\n");
}

TEST(MailMessage, Addresses) {
  EXPECT_EQ(address_of("Campus <meet@campus.example.org>"), "meet@campus.example.org");
  EXPECT_EQ(address_of("meet@campus.example.org"), "meet@campus.example.org");
  EXPECT_TRUE(valid_address("a@b.c"));
  EXPECT_FALSE(valid_address("a@b.c>\r\nRCPT TO:<evil@x"));
  EXPECT_FALSE(valid_address("no-at-sign"));
  EXPECT_FALSE(valid_address("@b.c"));
}

TEST(SmtpReply, SingleAndMultiLineReplies) {
  auto r = parse_reply("250-sink\r\n250 8BITMIME\r\nrest");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, 250);
  EXPECT_EQ(r->length, std::string("250-sink\r\n250 8BITMIME\r\n").size());
  EXPECT_FALSE(parse_reply("250-sink\r\n250 8BIT"));
  EXPECT_EQ(parse_reply("HTTP/1.1 400\r\n")->code, -1);
}

TEST(SmtpUrl, HostsAndPorts) {
  auto s = parse_smtp_url("smtp://mail.example.org:2525");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->host, "mail.example.org");
  EXPECT_EQ(s->port, 2525);
  EXPECT_EQ(parse_smtp_url("smtp://localhost")->port, 25);
  EXPECT_EQ(parse_smtp_url("smtp://[::1]:587")->host, "::1");
  EXPECT_FALSE(parse_smtp_url("http://x"));
  EXPECT_FALSE(parse_smtp_url("smtp://x:99999"));
  EXPECT_FALSE(parse_smtp_url("smtp://:25"));
}
