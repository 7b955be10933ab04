#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time: `make fuzz` (FUZZ_SECONDS=60).
#
#   Fuzz/fuzz.sh [SECONDS] [TARGET…]     TARGET: rules, conditions, transcripts (default: all)
#
# Build: SwiftPM's `--sanitize=fuzzer` with -DKOMPAS_LIBFUZZER, which drops the targets' own
# `main` so libFuzzer's is used; one product at a time, release (Swift's bounds and overflow
# checks stay on), in its own scratch path. Not with --sanitize=address: with Swift 6.3 on Linux
# the coverage counters then stay at zero and libFuzzer fuzzes blind (FUZZ_SANITIZERS overrides).
# Seeds come from rules/*.yaml and the mini fixture, the
# `when:` conditions in both, and transcripts/*.transcript; the growing corpus is kept in
# .build-fuzz/corpus/TARGET. Crashes, timeouts and leaks go to fuzz-artifacts/TARGET-*.
# Reproduce one without the fuzzer: `swift build && .build/debug/kompas-fuzz-TARGET fuzz-artifacts/FILE`.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-${FUZZ_SECONDS:-60}}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(rules conditions transcripts)
SWIFT=${SWIFT:-swift}
SCRATCH=.build-fuzz
SANITIZERS=${FUZZ_SANITIZERS:---sanitize=fuzzer}
mkdir -p fuzz-artifacts "$SCRATCH"

seed() {  # seed TARGET DIR: writes the seed inputs for TARGET into DIR
    local target=$1 dir=$2
    rm -rf "$dir" && mkdir -p "$dir"
    local yaml=(rules/*.yaml Tests/KompasCoreTests/Fixtures/mini/*.yaml)
    case $target in
    rules)
        for f in "${yaml[@]}"; do [ -f "$f" ] && cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"; done
        # The mini fixture as one file: a complete rule set that loads on its own.
        cat Tests/KompasCoreTests/Fixtures/mini/*.yaml >"$dir/mini-all.yaml" 2>/dev/null
        ;;
    conditions)
        # Every `when:` value, unquoted, one file each.
        local n=0
        grep -h -E '^\s*(- )?when:' "${yaml[@]}" 2>/dev/null | sed -E 's/^\s*(- )?when:\s*//; s/^"(.*)"$/\1/; s/^'"'"'(.*)'"'"'$/\1/' | sort -u |
            while IFS= read -r line; do
                n=$((n + 1))
                printf '%s' "$line" >"$dir/when-$n"
            done
        printf '%s' 'not (a == b or c in [d, e]) and answered(f) and g contains h' >"$dir/all-operators"
        ;;
    transcripts)
        for f in transcripts/*.transcript; do [ -f "$f" ] && cp "$f" "$dir/"; done
        ;;
    esac
}

status=0
summary=()
for target in "${TARGETS[@]}"; do
    product=kompas-fuzz-$target
    echo "== $product: building with $SANITIZERS"
    # shellcheck disable=SC2086
    if ! $SWIFT build -c release $SANITIZERS -Xswiftc -DKOMPAS_LIBFUZZER --scratch-path "$SCRATCH" --product "$product" >"$SCRATCH/$target.build.log" 2>&1; then
        grep -E 'error' "$SCRATCH/$target.build.log" | head -20 >&2
        echo "fuzz: building $product failed (log: $SCRATCH/$target.build.log)" >&2
        summary+=("$product: BUILD FAILED")
        status=1
        continue
    fi
    binary=$SCRATCH/release/$product

    corpus=$SCRATCH/corpus/$target
    seeds=$SCRATCH/seeds/$target
    mkdir -p "$corpus"
    seed "$target" "$seeds"
    log=$SCRATCH/$target.log
    before=$(ls fuzz-artifacts | grep -c "^$target-" || true)
    echo "== $product: fuzzing for ${SECONDS_PER_TARGET}s (corpus $corpus, seeds $(ls "$seeds" | wc -l), log $log)"
    # SWIFT_BACKTRACE=enable=no: let libFuzzer's signal handler write the crashing input.
    SWIFT_BACKTRACE=enable=no "$binary" "$corpus" "$seeds" \
        -dict="Fuzz/$target.dict" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="fuzz-artifacts/$target-" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    after=$(ls fuzz-artifacts | grep -c "^$target-" || true)
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
    cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+')
    [ -n "$cov" ] || cov="NO COVERAGE (is the code instrumented?)"
    line="$product: exit $rc, ${execs:-?} executions, ${rate:-?} exec/s, $cov, new artifacts: $((after - before))"
    echo "$line"
    summary+=("$line")
    if [ $rc -ne 0 ] || [ "$after" -gt "$before" ]; then
        status=1
        grep -E 'ERROR|Fatal error|SUMMARY|Test unit written|precondition|deadly' "$log" | head -20
    fi
done

echo
echo "== fuzz summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${summary[@]}"
exit $status
