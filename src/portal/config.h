// Everything `bluemeet portal` can be told (flags, TOML file, BLUEMEET_* environment).
#pragma once

#include <string>

namespace bluemeet::portal {

struct PortalConfig {
  std::string listen = "127.0.0.1:8070";
  std::string data_dir;      // its SQLite database unless db_url
  std::string db_url;        // PostgreSQL, for a portal of several instances
  std::string public_url;    // where browsers reach it (default: http://<listen>)
  std::string gateway_url;   // the tenant's BBB API base, e.g. https://gw.example.org/t/campus/bigbluebutton/api/
  std::string secret;        // the tenant's secret at the gateway
  std::string site_name = "BlueMeet";
  std::string web_root;      // serve the app from here instead of the embedded copy
  // An administrator made at start-up when no user exists yet (bluemeet up prints it).
  std::string admin_email;
  std::string admin_password;
  // Mail for verification and password resets; empty: none. smtp://host (the
  // local MTA), smtp+starttls://user:password@host[:587] or smtps://…[:465].
  std::string smtp_url;
  std::string smtp_ca_file;  // PEM bundle that verifies the mail server; empty: the system's CAs
  std::string mail_from;  // "BlueMeet <noreply@example.org>"; default noreply@<public host>
  bool secure_cookies = false;  // Secure on the session cookie: on when public_url is https
};

}  // namespace bluemeet::portal
