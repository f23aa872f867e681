#include "cli/portal_command.h"

#include <cstdio>
#include <memory>

#include "cli/common_options.h"
#include "portal/run_portal.h"

namespace bluemeet::cli {

std::function<int()> add_portal_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("portal", "Run an organization's portal: its users, rooms and recordings");
  cmd->footer(
      "Example:\n  bluemeet portal --listen 127.0.0.1:8070 --data /var/lib/bluemeet/portal \\\n"
      "    --gateway https://gw.example.org/t/campus/bigbluebutton/api/ --secret $TENANT_SECRET \\\n"
      "    --public-url https://meet.campus.example.org");
  auto common = std::make_shared<CommonOptions>();
  auto cfg = std::make_shared<portal::PortalConfig>();
  add_common_options(*cmd, *common);
  add(*cmd, "listen", cfg->listen, "Address and port to serve on (port 0: any free port)");
  add(*cmd, "data", cfg->data_dir, "Directory for the portal's state (its SQLite database unless --db)");
  add(*cmd, "db", cfg->db_url, "PostgreSQL URL (postgresql://user@host/db); default SQLite in --data");
  add(*cmd, "public-url", cfg->public_url, "URL at which browsers reach the portal (default: http://<listen>)");
  add(*cmd, "gateway", cfg->gateway_url, "The organization's BigBlueButton API at the gateway (.../bigbluebutton/api/)");
  add(*cmd, "secret", cfg->secret, "The organization's secret at the gateway");
  add(*cmd, "site-name", cfg->site_name, "The portal's name until an administrator sets one");
  add(*cmd, "web-root", cfg->web_root, "Serve the web app from this directory instead of the built-in copy");
  add(*cmd, "smtp", cfg->smtp_url,
      "Mail server for verification and password-reset mails: smtp://host[:port] (the local MTA), "
      "smtp+starttls://user:password@host[:587] or smtps://user:password@host[:465] (user and password "
      "percent-encoded; BLUEMEET_SMTP or --config keeps a password out of ps); empty: no mail, accounts work at once");
  add(*cmd, "smtp-ca-file", cfg->smtp_ca_file, "PEM CA bundle that verifies the mail server's certificate (default: the system's)");
  add(*cmd, "mail-from", cfg->mail_from, "Sender of the portal's mails (default noreply@<public host>)");
  add(*cmd, "admin-email", cfg->admin_email, "Create this administrator at start when there is no user yet");
  add(*cmd, "admin-password", cfg->admin_password, "Its password (BLUEMEET_ADMIN_PASSWORD keeps it out of ps)");
  return [cmd, common, cfg]() -> int {
    if (!cmd->parsed()) return -1;
    setup_logging(*common);
    if (!cfg->admin_email.empty() && cfg->admin_password.size() < 8) {
      std::fprintf(stderr, "bluemeet portal: --admin-password needs at least 8 characters\n");
      return 2;
    }
    return portal::run_portal(*cfg);
  };
}

}  // namespace bluemeet::cli
