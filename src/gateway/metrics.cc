#include "gateway/metrics.h"

#include <cstdio>

namespace bluemeet::gateway {

void LatencyHistogram::observe(std::string_view call, double seconds) {
  auto it = series_.find(call);
  if (it == series_.end()) it = series_.emplace(std::string(call), Series{}).first;
  auto& s = it->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.counts[i];
  ++s.total;
  s.sum += seconds;
}

void LatencyHistogram::render(std::string& out, std::string_view name, std::string_view help) const {
  std::string n(name);
  out += "# HELP " + n + " " + std::string(help) + "\n# TYPE " + n + " histogram\n";
  char num[64];
  for (const auto& [call, s] : series_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(num, sizeof num, "%g", kBuckets[i]);
      out += n + "_bucket{call=\"" + call + "\",le=\"" + num + "\"} " + std::to_string(s.counts[i]) + "\n";
    }
    out += n + "_bucket{call=\"" + call + "\",le=\"+Inf\"} " + std::to_string(s.total) + "\n";
    std::snprintf(num, sizeof num, "%.6f", s.sum);
    out += n + "_sum{call=\"" + call + "\"} " + num + "\n";
    out += n + "_count{call=\"" + call + "\"} " + std::to_string(s.total) + "\n";
  }
}

}  // namespace bluemeet::gateway
