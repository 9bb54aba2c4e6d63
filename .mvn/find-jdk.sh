# Sourced by ./mvnw and ./platform: sets JAVA_HOME to a JDK >= 21 (JAVA_HOME if new enough, else the newest JDK under
# /usr/lib/jvm) or explains what is missing.

java_major() { # prints the feature version of the java binary given, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  echo "${v%%.*}" | grep -E '^[0-9]+$' || echo 0
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    echo "$JAVA_HOME"; return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    d="${d%/}"
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d/bin/java")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}

use_jdk() {
  local jdk
  jdk=$(find_jdk || true)
  if [ -z "$jdk" ]; then
    echo "$(basename "$0"): needs a JDK 21 or newer: set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
    exit 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}
