# Sourced by ./platform and bench/run: runs the long steps of a script with progress a person can follow and with
# nothing hidden when a step fails.
#
#   run_step <label> <name> <probe> <command...>
#       runs the command with its output in $STEP_LOGS/<name>.log; while it runs, prints the label, the elapsed time,
#       what the probe function (or '-' for none) says about the log, and an estimate from the last successful run of
#       the same step (kept in $STEP_TIMES). On failure it prints what failed, its exit status, the last lines of its
#       output and where the whole log is, and exits with that status. Quiet on success but for one line.
#   step_failed <label> <log> <status>
#       the same report, for a step the script ran itself (a component that died while starting, say).
#   maven_progress <log>
#       a probe for Maven: "module k/n <name>" from the reactor headers and the number of artifacts fetched so far.

STEP_LOGS="${STEP_LOGS:-${TMPDIR:-/tmp}}"
STEP_TIMES="${STEP_TIMES:-}"
STEP_TAIL_LINES="${STEP_TAIL_LINES:-40}"

step_say() { printf '\033[1m==>\033[0m %s\n' "$*"; }

step_duration() { # seconds -> "1m 05s" or "42s"
  local s=$1
  if [ "$s" -ge 60 ]; then printf '%dm %02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

step_estimate() { # name -> seconds of the last successful run, or nothing
  [ -n "$STEP_TIMES" ] && [ -f "$STEP_TIMES" ] || return 0
  awk -v n="$1" '$1 == n { t = $2 } END { if (t != "") print t }' "$STEP_TIMES"
}

step_record() { # name, seconds
  [ -n "$STEP_TIMES" ] || return 0
  mkdir -p "$(dirname "$STEP_TIMES")"
  { [ -f "$STEP_TIMES" ] && awk -v n="$1" '$1 != n' "$STEP_TIMES"; echo "$1 $2"; } >"$STEP_TIMES.new"
  mv "$STEP_TIMES.new" "$STEP_TIMES"
}

step_failed() { # label, log, status
  local label=$1 log=$2 status=$3
  {
    printf '\n%s: %s FAILED (exit status %s).\n' "$(basename "$0")" "$label" "$status"
    if [ -s "$log" ]; then
      printf 'Last %s lines of its output:\n' "$STEP_TAIL_LINES"
      tail -n "$STEP_TAIL_LINES" "$log" | sed 's/^/  | /'
      printf 'Whole log: %s\n' "$log"
    else
      printf 'It printed nothing (log: %s).\n' "$log"
    fi
  } >&2
  exit "$status"
}

maven_progress() { # log -> "module k/n <name>, m artifacts fetched"
  local log=$1 module fetched
  module=$(grep -aE '^\[INFO\] Building .+\[[0-9]+/[0-9]+\]' "$log" 2>/dev/null | tail -1 |
    sed -E 's/^\[INFO\] Building (.+[^ ]) +[^ ]+ +\[([0-9]+\/[0-9]+)\]$/module \2 \1/; s/ +$//' || true)
  fetched=$(grep -acE '^\[INFO\] Downloaded from ' "$log" 2>/dev/null || true)
  if [ -z "$module" ]; then
    printf 'resolving plugins and dependencies, %s artifacts fetched' "${fetched:-0}"
  elif [ "${fetched:-0}" -gt 0 ]; then
    printf '%s, %s artifacts fetched' "$module" "$fetched"
  else
    printf '%s' "$module"
  fi
}

run_step() { # label, name, probe|-, command...
  local label=$1 name=$2 probe=$3; shift 3
  local log="$STEP_LOGS/$name.log" start=$SECONDS est status=0 pid shown=-1 now info eta
  mkdir -p "$STEP_LOGS"
  est=$(step_estimate "$name")
  step_say "$label${est:+ (took $(step_duration "$est") last time)}"
  "$@" >"$log" 2>&1 </dev/null &
  pid=$!
  # A line every 15 s (every 2 s on a terminal, rewritten in place) while the step runs.
  local every=15; [ -t 1 ] && every=2
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    now=$((SECONDS - start))
    if [ $((now / every)) -ne "$shown" ] && [ "$now" -ge "$every" ]; then
      shown=$((now / every))
      info=""; [ "$probe" != "-" ] && info=$("$probe" "$log")
      eta=""
      if [ -n "$est" ]; then
        if [ "$now" -lt "$est" ]; then eta=", about $(step_duration $((est - now))) left"; else eta=", longer than last time"; fi
      fi
      if [ -t 1 ]; then
        printf '\r\033[K    %s%s%s' "$(step_duration "$now")" "${info:+ · $info}" "$eta"
      else
        printf '    %s%s%s\n' "$(step_duration "$now")" "${info:+ · $info}" "$eta"
      fi
    fi
  done
  wait "$pid" || status=$?
  [ -t 1 ] && [ "$shown" -ge 0 ] && printf '\r\033[K'
  [ "$status" = 0 ] || step_failed "$label" "$log" "$status"
  step_record "$name" $((SECONDS - start))
  step_say "$label: done in $(step_duration $((SECONDS - start)))"
}
