#include "gateway/store/recordings.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

namespace json = boost::json;

namespace bluemeet::gateway::db {
namespace {

using store::Value;

constexpr const char* kColumns =
    "id, tenant_id, record_id, meeting_id, internal_meeting_id, name, state, published, protected, "
    "publish_updated, breakout, start_time, end_time, participants, raw_size, imported_at, updated_at";

RecordingRow from_row(const store::Row& r) {
  RecordingRow out;
  out.id = r.integer(0);
  out.tenant_id = r.integer(1);
  auto& v = out.view;
  v.record_id = r.text(2);
  v.meeting_id = r.text(3);
  v.internal_meeting_id = r.text(4);
  v.name = r.text(5);
  v.state = r.text(6);
  v.published = r.integer(7) != 0;
  v.is_protected = r.integer(8) != 0;
  out.publish_updated = r.integer(9) != 0;
  v.breakout = r.integer(10) != 0;
  v.start_time = r.integer(11);
  v.end_time = r.integer(12);
  v.participants = r.integer(13);
  v.raw_size = r.integer(14);
  out.imported_at = r.integer(15);
  out.updated_at = r.integer(16);
  return out;
}

std::string images_json(const std::vector<recording::PreviewImage>& images) {
  json::array a;
  for (const auto& i : images)
    a.emplace_back(json::object{{"url", i.url}, {"alt", i.alt}, {"width", i.width}, {"height", i.height}});
  return json::serialize(a);
}

std::vector<recording::PreviewImage> images_from_json(const std::string& text) {
  std::vector<recording::PreviewImage> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    const auto* o = e.if_object();
    if (!o) continue;
    recording::PreviewImage i;
    if (const auto* s = o->if_contains("url"); s && s->is_string()) i.url = s->as_string();
    if (const auto* s = o->if_contains("alt"); s && s->is_string()) i.alt = s->as_string();
    if (const auto* n = o->if_contains("width"); n && n->is_int64()) i.width = static_cast<int>(n->as_int64());
    if (const auto* n = o->if_contains("height"); n && n->is_int64()) i.height = static_cast<int>(n->as_int64());
    out.push_back(std::move(i));
  }
  return out;
}

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

// Fills in formats and metadata of a page of recordings: two queries.
void load_details(store::Connection& c, std::vector<RecordingRow>& rows) {
  if (rows.empty()) return;
  std::map<std::int64_t, RecordingRow*> by_id;
  std::vector<Value> ids;
  for (auto& r : rows) {
    by_id[r.id] = &r;
    ids.emplace_back(r.id);
  }
  auto in = " IN (" + placeholders(ids.size()) + ")";
  for (const auto& f : c.query("SELECT recording_id, format, link, processing_time, duration_ms, size, images "
                               "FROM recording_formats WHERE recording_id" + in + " ORDER BY format", ids)) {
    recording::Playback p;
    p.format = f.text(1);
    p.link = f.text(2);
    p.processing_time = f.integer(3);
    p.duration_ms = f.integer(4);
    p.size = f.integer(5);
    p.images = images_from_json(f.text(6));
    by_id[f.integer(0)]->view.formats.push_back(std::move(p));
  }
  for (const auto& m : c.query("SELECT recording_id, name, value FROM recording_metadata WHERE recording_id" + in +
                               " ORDER BY id", ids))
    by_id[m.integer(0)]->view.meta.emplace_back(m.text(1), m.text(2));
}

std::vector<RecordingRow> select(store::Connection& c, const std::string& where_and_order, const std::vector<Value>& p) {
  std::vector<RecordingRow> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns + " FROM recordings " + where_and_order, p))
    out.push_back(from_row(r));
  load_details(c, out);
  return out;
}

void set_meta(store::Connection& c, std::int64_t id, const std::string& name, const std::string& value) {
  const std::vector<Value> del{id, name};
  c.exec("DELETE FROM recording_metadata WHERE recording_id = ? AND name = ?", del);
  if (value.empty()) return;
  const std::vector<Value> ins{id, name, value};
  c.exec("INSERT INTO recording_metadata (recording_id, name, value) VALUES (?, ?, ?)", ins);
}

}  // namespace

std::vector<std::string> format_names(const RecordingRow& r) {
  std::vector<std::string> out;
  for (const auto& f : r.view.formats) out.push_back(f.format);
  return out;
}

std::map<std::int64_t, std::int64_t> count_recordings_by_tenant(store::Connection& c) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& r : c.query("SELECT tenant_id, COUNT(*) FROM recordings WHERE state <> 'deleted' GROUP BY tenant_id"))
    out[r.integer(0)] = r.integer(1);
  return out;
}

std::optional<RecordingRow> get_recording(store::Connection& c, const std::string& record_id) {
  auto rows = select(c, "WHERE record_id = ?", {record_id});
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

SavedFormat save_imported_format(store::Connection& c, std::int64_t tenant_id, const recording::RecordingMeta& m,
                                 std::int64_t now) {
  const std::vector<Value> key{m.record_id};
  auto existing = c.query("SELECT id, tenant_id, published, publish_updated FROM recordings WHERE record_id = ?", key);
  std::int64_t id = 0;
  bool published = m.published;
  if (existing.empty()) {
    const std::vector<Value> p{tenant_id, m.record_id, m.meeting_id, m.internal_meeting_id, m.name,
                               std::string(published ? "published" : "unpublished"), std::int64_t{published},
                               std::int64_t{m.breakout}, m.start_time, m.end_time, m.participants, m.raw_size, now, now};
    id = c.query("INSERT INTO recordings (tenant_id, record_id, meeting_id, internal_meeting_id, name, state, published, "
                 "breakout, start_time, end_time, participants, raw_size, imported_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 p)
             .at(0)
             .integer(0);
  } else {
    const auto& row = existing.front();
    if (row.integer(1) != tenant_id) throw store::StoreError("recording " + m.record_id + " belongs to another tenant");
    id = row.integer(0);
    if (row.integer(3) != 0) published = row.integer(2) != 0;  // the tenant's choice stands
    const std::vector<Value> p{m.meeting_id, m.internal_meeting_id, m.name,
                               std::string(published ? "published" : "unpublished"), std::int64_t{published},
                               std::int64_t{m.breakout}, m.start_time, m.end_time, m.participants, m.raw_size, now, id};
    c.exec("UPDATE recordings SET meeting_id = ?, internal_meeting_id = ?, name = ?, state = ?, published = ?, "
           "breakout = ?, start_time = ?, end_time = ?, participants = ?, raw_size = ?, updated_at = ? WHERE id = ?",
           p);
  }
  const std::vector<Value> f{id, m.playback.format};
  c.exec("DELETE FROM recording_formats WHERE recording_id = ? AND format = ?", f);
  const std::vector<Value> fp{id, m.playback.format, m.playback.link, m.playback.processing_time, m.playback.duration_ms,
                              m.playback.size, images_json(m.playback.images)};
  c.exec("INSERT INTO recording_formats (recording_id, format, link, processing_time, duration_ms, size, images) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)",
         fp);
  // Each format's metadata.xml carries the recording's metadata; what one
  // lacks does not erase what another (or updateRecordings) set.
  for (const auto& [k, v] : m.meta)
    if (!v.empty()) set_meta(c, id, k, v);
  return {published, existing.empty()};
}

std::vector<RecordingRow> find_recordings(store::Connection& c, std::int64_t tenant_id,
                                          const recording::RecordingQuery& q) {
  std::string where = "WHERE tenant_id = ?";
  std::vector<Value> p{tenant_id};
  if (!q.record_ids.empty()) {
    // A prefix match, case-sensitive as BBB's (LIKE is not, on SQLite).
    where += " AND (";
    for (std::size_t i = 0; i < q.record_ids.size(); ++i) {
      where += i ? " OR " : "";
      where += "substr(record_id, 1, ?) = ?";
      p.emplace_back(static_cast<std::int64_t>(q.record_ids[i].size()));
      p.emplace_back(q.record_ids[i]);
    }
    where += ")";
  } else if (!q.meeting_ids.empty()) {
    where += " AND meeting_id IN (" + placeholders(q.meeting_ids.size()) + ")";
    for (const auto& m : q.meeting_ids) p.emplace_back(m);
  }
  if (!q.states.empty()) {
    where += " AND state IN (" + placeholders(q.states.size()) + ")";
    for (const auto& s : q.states) p.emplace_back(s);
  }
  for (const auto& [k, v] : q.meta) {
    where += " AND EXISTS (SELECT 1 FROM recording_metadata m WHERE m.recording_id = recordings.id AND m.name = ? "
             "AND m.value = ?)";
    p.emplace_back(k);
    p.emplace_back(v);
  }
  std::int64_t limit = q.limit > 0 ? q.limit : recording::kMaxRecordingsPerAnswer;
  where += " ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?";
  p.emplace_back(limit);
  p.emplace_back(q.offset);
  return select(c, where, p);
}

std::vector<RecordingRow> list_all_recordings(store::Connection& c, std::int64_t limit) {
  return select(c, "ORDER BY start_time DESC, id DESC LIMIT ?", {limit});
}

std::int64_t count_recordings(store::Connection& c, std::int64_t tenant_id) {
  const std::vector<Value> p{tenant_id};
  return c.query("SELECT COUNT(*) FROM recordings WHERE tenant_id = ? AND state <> 'deleted'", p).at(0).integer(0);
}

std::vector<RecordingRow> tenant_recordings(store::Connection& c, std::int64_t tenant_id,
                                            const std::vector<std::string>& record_ids) {
  if (record_ids.empty()) return {};
  std::vector<Value> p{tenant_id};
  for (const auto& r : record_ids) p.emplace_back(r);
  return select(c, "WHERE tenant_id = ? AND state <> 'deleted' AND record_id IN (" + placeholders(record_ids.size()) +
                       ") ORDER BY id",
                p);
}

bool set_recording_published(store::Connection& c, std::int64_t id, bool published, std::int64_t now) {
  const std::vector<Value> p{std::string(published ? "published" : "unpublished"), std::int64_t{published}, now, id};
  return c.exec("UPDATE recordings SET state = ?, published = ?, publish_updated = 1, updated_at = ? "
                "WHERE id = ? AND state <> 'deleted'",
                p) == 1;
}

bool mark_recording_deleted(store::Connection& c, std::int64_t id, std::int64_t now) {
  store::Transaction t(c);
  const std::vector<Value> p{now, id};
  if (c.exec("UPDATE recordings SET state = 'deleted', published = 0, updated_at = ? WHERE id = ? AND state <> 'deleted'",
             p) != 1)
    return false;
  const std::vector<Value> k{id};
  c.exec("DELETE FROM recording_formats WHERE recording_id = ?", k);
  c.exec("DELETE FROM recording_metadata WHERE recording_id = ?", k);
  c.exec("DELETE FROM recording_text_tracks WHERE recording_id = ?", k);
  t.commit();
  return true;
}

bool update_recording(store::Connection& c, std::int64_t id,
                      const std::vector<std::pair<std::string, std::string>>& meta, std::optional<bool> is_protected,
                      std::int64_t now) {
  store::Transaction t(c);
  const std::vector<Value> p{now, id};
  if (c.exec("UPDATE recordings SET updated_at = ? WHERE id = ? AND state <> 'deleted'", p) != 1) return false;
  for (const auto& [k, v] : meta) set_meta(c, id, k, v);
  if (is_protected) {
    const std::vector<Value> q{std::int64_t{*is_protected}, id};
    c.exec("UPDATE recordings SET protected = ? WHERE id = ?", q);
  }
  t.commit();
  return true;
}

}  // namespace bluemeet::gateway::db
