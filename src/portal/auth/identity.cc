#include "portal/auth/identity.h"

namespace bluemeet::portal::auth {

bool well_formed(const Identity& id) {
  auto sane = [](const std::string& s, std::size_t max) { return !s.empty() && s.size() <= max; };
  return (id.method == "saml" || id.method == "oidc" || id.method == "lti") && sane(id.issuer, 1024) &&
         sane(id.subject, 1024) && id.email.size() <= 254 && id.name.size() <= 255;
}

}  // namespace bluemeet::portal::auth
