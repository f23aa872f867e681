// The mails the portal sends, in the recipient's language (English, Italian).
#pragma once

#include <string>
#include <string_view>

namespace bluemeet::portal {

struct MailText {
  std::string subject, body;
};

MailText verification_mail(std::string_view language, std::string_view site, std::string_view name, std::string_view link);
MailText invitation_mail(std::string_view language, std::string_view site, std::string_view inviter, std::string_view link);
MailText reset_mail(std::string_view language, std::string_view site, std::string_view name, std::string_view link);

}  // namespace bluemeet::portal
