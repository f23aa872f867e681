#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan, UBSan) and runs each for a bounded
# time, default 60 s: ./scripts/fuzz.sh [SECONDS]. Each starts from its seeds
# and regression inputs in fuzz/corpus/<target>/ (copied, so a run adds
# nothing to the tree); an input that crashes is saved there as a regression
# case and the script fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release \
  -DBLUEMEET_FUZZ=ON -DBLUEMEET_WEB=OFF -DBLUEMEET_TESTS=OFF >/dev/null
targets=(fuzz_api_request fuzz_backend_xml fuzz_recording_metadata fuzz_recording_tar)
cmake --build build-fuzz -j 2 --target "${targets[@]}"
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$t/." "$work/"
  echo "== $t for ${seconds} s"
  if ! "build-fuzz/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -artifact_prefix="fuzz/corpus/$t/crash-" "$work"; then
    echo "fuzz.sh: $t found a crash; the input is in fuzz/corpus/$t/ (keep it as a regression case)" >&2
    status=1
  fi
  rm -rf "$work"
done
exit $status
