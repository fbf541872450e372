# JDK 25 AOT cache for a launcher. Sourced. s4j_aot_options CACHE CLASSPATH TRAINING_MAIN JVM_OPTS...
# sets S4J_AOT_OPTS to use CACHE when it belongs to the current jar; otherwise starts recording it in the
# background (once) and leaves S4J_AOT_OPTS empty. The cache is keyed on the jar's size and mtime because a
# stale cache is used silently (JDK-8377932). S4J_AOT=0 disables it.

s4j_aot_options() {
  local cache=$1 cp=$2 training=$3; shift 3
  S4J_AOT_OPTS=()
  [ "${S4J_AOT:-1}" = 0 ] && return 0
  local key stored=""
  key="$(stat -c '%s:%Y' "$S4J_JAR" 2>/dev/null)|$cp|$*"
  [ -f "$cache.key" ] && IFS= read -r stored <"$cache.key" || true
  if [ -f "$cache" ] && [ "$stored" = "$key" ]; then
    S4J_AOT_OPTS=("-XX:AOTCache=$cache")
    return 0
  fi
  # One recorder at a time; a lock older than 2 minutes is from a run that died.
  local lock="$cache.lock"
  if [ -d "$lock" ] && [ -n "$(find "$lock" -maxdepth 0 -mmin +2 2>/dev/null)" ]; then rmdir "$lock" 2>/dev/null || true; fi
  mkdir "$lock" 2>/dev/null || return 0
  rm -f "$cache" "$cache.key"
  # Double fork and a session of its own: the recorder must not stay a child of this shell, which execs the daemon
  # (a subreaper) or the client next and would reap it as an unknown pid, nor get the terminal's Ctrl-C.
  ( (
    tmp="$cache.$$.tmp"
    if setsid "$S4J_JAVA" "$@" -XX:AOTCacheOutput="$tmp" -Xlog:disable -cp "$cp" "$training" >/dev/null 2>&1 \
        && [ -f "$tmp" ]; then
      mv -f "$tmp" "$cache" && printf '%s\n' "$key" >"$cache.key"
    fi
    rm -f "$tmp" "$tmp.config"
    rmdir "$lock" 2>/dev/null || true
  ) </dev/null >/dev/null 2>&1 & )
}
