#include "cli/admin_recordings.h"

#include <cstdio>
#include <memory>
#include <unistd.h>

#include "gateway/recording_importer.h"
#include "gateway/store/recordings.h"
#include "gateway/store/tenants.h"
#include "util/clock.h"

namespace bluemeet::cli {
namespace {

namespace db = gateway::db;

struct RecordingOptions {
  std::string dir;
  std::string tenant;
  std::int64_t limit = 100;
  std::vector<std::string> record_ids;
  bool now = false;
};

std::string time_text(util::Millis ms) {
  std::time_t t = ms / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "-" : out;
}

// A progress bar on a terminal, a line per step otherwise.
void progress(std::size_t done, std::size_t total) {
  if (::isatty(STDERR_FILENO)) {
    constexpr int kWidth = 30;
    int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu", std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(),
                 done, total);
    if (done == total) std::fprintf(stderr, "\n");
  } else {
    std::fprintf(stderr, "imported %zu of %zu tars\n", done, total);
  }
}

gateway::RecordingImporter importer(store::Store& s, const RecordingOptions& o) {
  if (o.dir.empty()) throw std::runtime_error("give the recordings directory: --recordings DIR");
  return gateway::RecordingImporter(s, o.dir, "admin");
}

}  // namespace

void add_admin_recordings(CLI::App& admin, const std::function<void(CLI::App*, AdminAction)>& on) {
  auto o = std::make_shared<RecordingOptions>();
  auto* rec = admin.add_subcommand("recordings", "Recordings imported from the servers")->require_subcommand(1);
  rec->add_option("--recordings", o->dir, "The gateway's recordings directory (for import, publish, delete)");

  auto* list = rec->add_subcommand("list", "List recordings, newest first");
  list->add_option("--tenant", o->tenant, "Only this tenant's");
  list->add_option("--limit", o->limit, "At most this many")->check(CLI::Range(1, 100000));
  on(list, [o](store::Store& s) {
    auto rows = s.run_sync([&](store::Connection& c) {
      std::map<std::int64_t, std::string> names;
      for (const auto& t : db::list_tenants(c)) names[t.id] = t.name;
      std::vector<std::vector<std::string>> out{{"RECORD ID", "TENANT", "MEETING", "NAME", "STATE", "FORMATS", "START"}};
      for (const auto& r : db::list_all_recordings(c, o->limit)) {
        if (!o->tenant.empty() && names[r.tenant_id] != o->tenant) continue;
        out.push_back({r.view.record_id, names[r.tenant_id], r.view.meeting_id, r.view.name, r.view.state,
                       joined(db::format_names(r)), time_text(r.view.start_time)});
      }
      return out;
    });
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const auto& r : rows)
      for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    for (const auto& r : rows) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) line += r[i] + (i + 1 < r.size() ? std::string(width[i] - r[i].size() + 2, ' ') : "");
      std::printf("%s\n", line.c_str());
    }
    return 0;
  });

  auto* show = rec->add_subcommand("show", "Show a recording");
  show->add_option("record-id", o->record_ids, "Its record ID")->required()->expected(1);
  on(show, [o](store::Store& s) {
    auto row = s.run_sync([&](store::Connection& c) { return db::get_recording(c, o->record_ids.at(0)); });
    if (!row) {
      std::fprintf(stderr, "bluemeet admin: no recording %s\n", o->record_ids.at(0).c_str());
      return 1;
    }
    const auto& v = row->view;
    std::printf("record id: %s\nmeeting: %s\nname: %s\nstate: %s\nprotected: %s\nstart: %s\nend: %s\nparticipants: %lld\n",
                v.record_id.c_str(), v.meeting_id.c_str(), v.name.c_str(), v.state.c_str(),
                v.is_protected ? "yes" : "no", time_text(v.start_time).c_str(), time_text(v.end_time).c_str(),
                static_cast<long long>(v.participants));
    for (const auto& f : v.formats)
      std::printf("format: %s (%lld min)\n", f.format.c_str(), static_cast<long long>(f.duration_ms / 60000));
    for (const auto& [k, val] : v.meta) std::printf("meta %s: %s\n", k.c_str(), val.c_str());
    return 0;
  });

  auto* import = rec->add_subcommand(
      "import", "Import what waits in the spool here and now (--now), or send failed tars back to the spool");
  import->add_flag("--now", o->now, "Import every waiting tar in this process, with a progress bar");
  on(import, [o](store::Store& s) {
    auto imp = importer(s, *o);
    imp.prepare();
    if (!o->now) {
      std::printf("%zu failed tars sent back to the spool; a running gateway imports them\n", imp.requeue_failed());
      return 0;
    }
    auto c = imp.import_waiting(progress);
    std::printf("imported %llu, failed %llu (kept in failed/), to retry %llu\n",
                static_cast<unsigned long long>(c.imported), static_cast<unsigned long long>(c.failed),
                static_cast<unsigned long long>(c.retried));
    return c.failed || c.retried ? 1 : 0;
  });

  for (auto [verb, what] : {std::pair{"publish", "Publish recordings"}, std::pair{"unpublish", "Unpublish recordings"},
                            std::pair{"delete", "Delete recordings (their files too)"}}) {
    auto* sub = rec->add_subcommand(verb, what);
    sub->add_option("record-ids", o->record_ids, "Record IDs")->required();
    on(sub, [o, v = std::string(verb)](store::Store& s) {
      auto imp = importer(s, *o);
      int missing = 0;
      for (const auto& id : o->record_ids) {
        auto now = util::now_millis();
        auto row = s.run_sync([&](store::Connection& c) { return db::get_recording(c, id); });
        bool done = false;
        if (row && v == "delete") {
          done = s.run_sync([&](store::Connection& c) { return db::mark_recording_deleted(c, row->id, now); });
          if (done) imp.remove_files(id, db::format_names(*row));
        } else if (row) {
          bool publish = v == "publish";
          done = s.run_sync([&](store::Connection& c) { return db::set_recording_published(c, row->id, publish, now); });
          if (done) imp.place_files(id, db::format_names(*row), publish);
        }
        if (done) std::printf("%s: %sed\n", id.c_str(), v == "delete" ? "delet" : v.c_str());
        else {
          std::fprintf(stderr, "bluemeet admin: no recording %s\n", id.c_str());
          ++missing;
        }
      }
      return missing ? 1 : 0;
    });
  }
}

}  // namespace bluemeet::cli
