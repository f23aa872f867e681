// Sign-in is a pluggable step. Each way of signing in — the local password
// (api_accounts.cc) and, next to it, SAML (IDEM/eduGAIN), OpenID Connect and
// LTI launches — only proves an Identity; one place (db/identities.h) turns a
// proven identity into the portal's user, by the same rules whatever proved
// it, and api_accounts' open_session makes the session. So the methods
// coexist: one person may have several identities, all leading to one user.
//
// External identities are keyed by (method, issuer, subject), never by
// email: two IdPs may both assert an address, and only the issuer's own
// subject (SAML subject-id or pairwise-id, OIDC sub, LTI user id) is stable.
#pragma once

#include <string>

namespace bluemeet::portal::auth {

struct Identity {
  std::string method;   // "saml", "oidc", "lti"
  std::string issuer;   // the IdP's entityID, the OIDC issuer, the LTI platform's issuer + deployment
  std::string subject;  // stable at that issuer
  std::string email;    // as asserted (may be empty)
  bool email_verified = false;
  std::string name;     // display name (may be empty)
  std::string language; // "en" / "it" when asserted
};

// Whether an identity carries what the portal needs: a method, an issuer and a subject of sane size.
bool well_formed(const Identity& id);

}  // namespace bluemeet::portal::auth
