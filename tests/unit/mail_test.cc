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

TEST(SmtpUrl, TlsSchemesCredentialsAndTheirDefaultPorts) {
  auto s = parse_smtp_url("smtp+starttls://noreply%40uni.example:p%40ss+w%3Ard@smtp.uni.example");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->security, SmtpServer::Security::starttls);
  EXPECT_EQ(s->port, 587);
  EXPECT_EQ(s->user, "noreply@uni.example");
  EXPECT_EQ(s->password, "p@ss+w:rd");  // + is a plus in userinfo, not a space
  auto t = parse_smtp_url("smtps://u:p@127.0.0.1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->security, SmtpServer::Security::tls);
  EXPECT_EQ(t->port, 465);
  EXPECT_EQ(t->host, "127.0.0.1");
  EXPECT_EQ(parse_smtp_url("smtp://localhost")->security, SmtpServer::Security::none);
  EXPECT_TRUE(parse_smtp_url("smtps://relay.example:2465"));  // TLS without AUTH: allowed
  // Credentials never go in clear text.
  EXPECT_FALSE(parse_smtp_url("smtp://user:pass@mail.example"));
  EXPECT_FALSE(parse_smtp_url("smtps://:pass@mail.example"));
  EXPECT_FALSE(parse_smtp_url("smtps://mail.example/path"));
  EXPECT_FALSE(parse_smtp_url("smtps://mail.example?x=1"));
}

TEST(SmtpReply, KeepsLineTextsForEhlo) {
  auto r = parse_reply("250-mail.example greets you\r\n250-PIPELINING\r\n250-auth login Plain\r\n250 STARTTLS\r\n");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->lines.size(), 4u);
  EXPECT_EQ(r->lines[1], "PIPELINING");
  auto ext = parse_ehlo(*r);
  EXPECT_TRUE(ext.starttls);
  EXPECT_TRUE(ext.auth_plain);
  EXPECT_TRUE(ext.auth_login);
  auto bare = parse_ehlo(*parse_reply("250-STARTTLS is only the greeting's name\r\n250 8BITMIME\r\n"));
  EXPECT_FALSE(bare.starttls);
  EXPECT_FALSE(bare.auth_plain);
}

TEST(SmtpAuth, PlainIsTheNulSeparatedPairInBase64) {
  EXPECT_EQ(auth_plain("tim", "tanstaaftanstaaf"), "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");  // RFC 4954's example
}
