#include "node/recorder.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <spdlog/spdlog.h>
#include <sstream>

#include "node/recording_media.h"
#include "recording/metadata.h"
#include "recording/tar_write.h"

namespace fs = std::filesystem;
namespace json = boost::json;

namespace bluemeet::node {
namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& p, std::string_view data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

}  // namespace

Recorder::Recorder(fs::path data_dir, std::string spool, const LocalRecordings& local, std::string public_url)
    : raw_root_(std::move(data_dir) / "recordings" / "raw"),
      spool_(std::move(spool)),
      local_(local),
      public_url_(std::move(public_url)) {}

Recorder::~Recorder() { stop(); }

void Recorder::start() {
  fs::create_directories(raw_root_);
  if (!spool_.empty()) fs::create_directories(spool_);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(raw_root_, ec))
    if (fs::exists(e.path() / "ended.json")) queue_.push_back(e.path());
  thread_ = std::thread([this] { work(); });
}

void Recorder::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool Recorder::recording(const Meeting& m) const { return m.options().record && m.recording_marks(); }

void Recorder::capture(const Meeting& m, std::string_view event_id, std::string_view event_json, util::Millis now) {
  if (!m.options().record) return;
  // The recording marks always; the rest while recording runs, as BBB's playback keeps only the recorded stretches.
  bool mark = event_id == "meeting-recording-started" || event_id == "meeting-recording-stopped";
  if (!mark && !m.recording()) return;
  if (!mark && event_id != "user-joined" && event_id != "user-left" && event_id != "chat-group-message-sent" &&
      event_id != "user-presenter-assigned" && event_id != "presentation-changed" && event_id != "meeting-ended")
    return;
  auto dir = raw_root_ / m.internal_id();
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::ofstream out(dir / "events.jsonl", std::ios::app | std::ios::binary);
  out << "{\"at\":" << now << ",\"event\":" << event_json << "}\n";
  if (!out) spdlog::error("recording of {}: cannot append an event", m.internal_id());
}

void Recorder::ended(const Meeting& m, util::Millis now) {
  if (!recording(m)) {
    // Never recorded: whatever the media layer prepared for it goes.
    std::error_code ec;
    fs::remove_all(raw_root_ / m.internal_id(), ec);
    return;
  }
  const auto& o = m.options();
  json::object meta;
  for (const auto& [k, v] : o.metadata) meta[k] = v;
  json::object facts{{"record_id", m.internal_id()},
                     {"meeting_id", m.external_id()},
                     {"name", o.name},
                     {"breakout", o.is_breakout},
                     {"start_time", m.create_time()},
                     {"end_time", now},
                     {"participants", static_cast<std::int64_t>(m.attendance().size())},
                     {"metadata", std::move(meta)}};
  auto dir = raw_root_ / m.internal_id();
  try {
    fs::create_directories(dir);
    write_file(dir / "ended.json.tmp", json::serialize(facts));
    fs::rename(dir / "ended.json.tmp", dir / "ended.json");
  } catch (const std::exception& e) {
    spdlog::error("recording of {}: {}", m.internal_id(), e.what());
    return;
  }
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(dir);
  }
  wake_.notify_all();
}

void Recorder::work() {
  for (;;) {
    fs::path next;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      next = queue_.front();
      queue_.pop_front();
    }
    try {
      process(next);
    } catch (const std::exception& e) {
      spdlog::error("recording {} could not be processed: {}; it is kept in {}", next.filename().string(), e.what(),
                    next.string());
    }
  }
}

void Recorder::process(const fs::path& raw) {
  auto started = util::now_millis();
  auto facts = json::parse(read_file(raw / "ended.json")).as_object();
  recording::RecordingMeta m;
  m.record_id = std::string(facts.at("record_id").as_string());
  m.meeting_id = std::string(facts.at("meeting_id").as_string());
  m.internal_meeting_id = m.record_id;
  m.name = std::string(facts.at("name").as_string());
  m.breakout = facts.at("breakout").as_bool();
  m.start_time = facts.at("start_time").as_int64();
  m.end_time = facts.at("end_time").as_int64();
  m.participants = facts.at("participants").as_int64();
  for (const auto& [k, v] : facts.at("metadata").as_object())
    if (v.is_string()) m.meta.emplace_back(std::string(k), std::string(v.as_string()));

  // events.json: the captured events, times relative to the start.
  json::array events;
  std::istringstream lines(fs::exists(raw / "events.jsonl") ? read_file(raw / "events.jsonl") : std::string());
  std::uint64_t raw_size = 0;
  for (std::string line; std::getline(lines, line);) {
    raw_size += line.size() + 1;
    boost::system::error_code ec;
    auto v = json::parse(line, ec);
    if (ec || !v.is_object()) continue;  // a line cut by a crash
    auto& o = v.as_object();
    events.emplace_back(json::object{{"offset", o.at("at").as_int64() - m.start_time}, {"event", o.at("event")}});
  }
  m.raw_size = static_cast<std::int64_t>(raw_size);

  auto out = raw / "out";
  fs::remove_all(out);
  auto dir = out / "presentation" / m.record_id;
  fs::create_directories(dir);
  write_file(dir / "events.json", json::serialize(json::object{{"name", m.name}, {"start", m.start_time},
                                                                {"duration", m.end_time - m.start_time},
                                                                {"events", std::move(events)}}));
  write_file(dir / "index.html", kPlayerHtml);
  // The audio mix and the webcams and screens Janus recorded (recording_media.h);
  // a part that fails is left out, the events are published anyway.
  try {
    auto media = make_recording_media(raw / "media", dir, m.start_time, m.end_time, m.record_id);
    m.raw_size += static_cast<std::int64_t>(media.raw_bytes);
  } catch (const std::exception& e) {
    spdlog::error("recording {}: its media could not be processed ({}); published without it", m.record_id, e.what());
  }
  m.playback.format = "presentation";
  m.playback.link = public_url_ + "/playback/presentation/" + m.record_id + "/";
  m.playback.duration_ms = m.end_time - m.start_time;
  m.playback.processing_time = util::now_millis() - started;
  write_file(dir / "metadata.xml", recording::write_metadata_xml(m));
  // Published on the node (replacing a copy an interrupted run left), then handed on.
  auto local = local_.published_dir("presentation", m.record_id);
  fs::remove_all(local);
  fs::create_directories(local.parent_path());
  fs::copy(dir, local, fs::copy_options::recursive);
  if (!spool_.empty()) recording::write_spool_tar(out, m.record_id, spool_);
  fs::remove_all(raw);  // only once the tar is in the spool
  if (!spool_.empty() && on_spooled_) on_spooled_();
  spdlog::info("recording {} published{}", m.record_id, spool_.empty() ? "" : " and handed to the spool");
}

const char* const kPlayerHtml = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Recording</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2433; background: #f6f7f9; }
  header { background: #0b3d91; color: #fff; padding: .75rem 1.25rem; }
  main { max-width: 64rem; margin: 1rem auto; padding: 0 1rem; }
  .controls { display: flex; gap: .75rem; align-items: center; margin-bottom: 1rem; }
  button { font: inherit; padding: .4rem 1rem; border-radius: .4rem; border: 1px solid #0b3d91; background: #fff; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  input[type=range] { flex: 1; }
  ol { list-style: none; padding: 0; }
  li { padding: .4rem .6rem; border-bottom: 1px solid #dde1e8; }
  li.future { opacity: .35; }
  time { color: #5a6475; font-variant-numeric: tabular-nums; margin-right: .5rem; }
  #stage { margin-bottom: 1rem; }
  #screens figure { margin: 0 0 .5rem; }
  #screens video { width: 100%; max-height: 70vh; background: #000; border-radius: .4rem; }
  #cameras { display: flex; flex-wrap: wrap; gap: .5rem; }
  #cameras figure { margin: 0; width: 12rem; }
  #cameras video { width: 100%; aspect-ratio: 4 / 3; object-fit: cover; background: #000; border-radius: .4rem; }
  figcaption { font-size: .875rem; color: #3b4455; }
</style>
</head>
<body>
<header><h1 id="title" style="margin:0;font-size:1.25rem">Recording</h1></header>
<main>
  <section id="stage" aria-label="Webcams and screen share" hidden>
    <div id="screens"></div>
    <div id="cameras"></div>
  </section>
  <audio id="audio" preload="auto"></audio>
  <div class="controls">
    <button id="play" type="button" data-testid="play">Play</button>
    <input id="seek" type="range" min="0" value="0" aria-label="Position">
    <span id="clock" aria-live="off">0:00</span>
  </div>
  <ol id="events" aria-label="What happened" data-testid="events"></ol>
</main>
<script>
(async () => {
  const rec = await (await fetch('events.json')).json();
  // media.json: the audio mix and the webcams and screens, on the same timeline (ms).
  let media = { audio: null, videos: [] };
  try { const r = await fetch('media.json'); if (r.ok) media = await r.json(); } catch (e) { /* events only */ }
  const fmt = (ms) => { const s = Math.floor(ms / 1000); return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); };
  document.getElementById('title').textContent = rec.name;
  document.title = rec.name;
  const list = document.getElementById('events');
  const items = rec.events.map(({ offset, event }) => {
    const d = event.data || {}; const a = d.attributes || {};
    let text = d.id;
    if (d.id === 'user-joined') text = (a.user && a.user.name) + ' joined';
    else if (d.id === 'user-left') text = (a.user && a.user.name) + ' left';
    else if (d.id === 'chat-group-message-sent') text = (a['chat-message'].sender.name) + ': ' + a['chat-message'].message;
    else if (d.id === 'user-presenter-assigned') text = (a.user && a.user.name) + ' is presenting';
    else if (d.id === 'presentation-changed') text = 'Slide ' + a.presentation.page + ' of ' + a.presentation.name;
    else if (d.id === 'meeting-recording-started') text = 'Recording started';
    else if (d.id === 'meeting-recording-stopped') text = 'Recording paused';
    const li = document.createElement('li');
    const t = document.createElement('time'); t.textContent = fmt(offset);
    li.append(t, document.createTextNode(text)); li.dataset.offset = offset;
    list.append(li); return li;
  });

  const audio = document.getElementById('audio');
  const track = media.audio;
  if (track) audio.src = track.file;
  const tiles = (media.videos || []).map((v) => {
    const fig = document.createElement('figure'); fig.hidden = true;
    const el = document.createElement('video');
    el.muted = true; el.playsInline = true; el.preload = 'auto'; el.src = v.file;
    const who = v.name || 'A participant';
    el.setAttribute('aria-label', v.source === 'screen' ? 'Screen shared by ' + who : 'Webcam of ' + who);
    const cap = document.createElement('figcaption');
    cap.textContent = v.source === 'screen' ? who + ' (screen)' : who;
    fig.append(el, cap);
    document.getElementById(v.source === 'screen' ? 'screens' : 'cameras').append(fig);
    return { v, fig, el };
  });
  if (tiles.length) document.getElementById('stage').hidden = false;

  const seek = document.getElementById('seek'); seek.max = rec.duration;
  const clock = document.getElementById('clock');
  const button = document.getElementById('play');
  let pos = 0, playing = false, last = 0, timer = null, starting = false, audioFailed = false;
  // The audio is the clock where it covers the position; elsewhere the wall clock.
  const audioCovers = () => track && !audioFailed && pos >= track.offset && pos < track.offset + track.duration - 50;
  const show = () => { clock.textContent = fmt(pos) + ' / ' + fmt(rec.duration); seek.value = pos;
    for (const li of items) li.classList.toggle('future', Number(li.dataset.offset) > pos); };
  const syncVideos = () => {
    for (const { v, fig, el } of tiles) {
      const inside = pos >= v.offset && pos < v.offset + v.duration;
      fig.hidden = !inside;
      if (!inside) { if (!el.paused) el.pause(); continue; }
      const t = (pos - v.offset) / 1000;
      if (Math.abs(el.currentTime - t) > (playing ? 0.5 : 0.05)) el.currentTime = t;
      if (playing && el.paused) el.play().catch(() => {});
      if (!playing && !el.paused) el.pause();
    }
  };
  const syncAudio = () => {
    if (!track) return;
    if (!playing || !audioCovers()) { if (!audio.paused) audio.pause(); return; }
    if (audio.paused && !starting) {
      starting = true;
      audio.currentTime = (pos - track.offset) / 1000;
      audio.play().catch(() => { audioFailed = true; }).finally(() => { starting = false; });
    }
  };
  const stop = () => { playing = false; clearInterval(timer); timer = null; button.textContent = 'Play'; syncAudio(); syncVideos(); };
  const tick = () => {
    const now = performance.now();
    if (audioCovers() && !audio.paused) pos = track.offset + audio.currentTime * 1000;
    else if (!starting) pos += now - last;
    last = now;
    if (pos >= rec.duration) { pos = rec.duration; stop(); }
    syncAudio(); syncVideos(); show();
  };
  seek.addEventListener('input', () => {
    pos = Number(seek.value);
    if (track && audioCovers()) audio.currentTime = (pos - track.offset) / 1000;
    syncAudio(); syncVideos(); show();
  });
  button.addEventListener('click', () => {
    if (playing) { stop(); return; }
    if (pos >= rec.duration) pos = 0;
    playing = true; audioFailed = false; last = performance.now();
    button.textContent = 'Pause';
    syncAudio(); syncVideos();
    timer = setInterval(tick, 100);
  });
  audio.addEventListener('ended', () => { if (playing) { pos = track.offset + track.duration; tick(); } });
  show(); syncVideos();
})();
</script>
</body>
</html>
)HTML";

}  // namespace bluemeet::node
