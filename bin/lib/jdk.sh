# Finds a JDK >= 25: JAVA_HOME, then java on PATH, then /usr/lib/jvm/*. Sourced. Sets S4J_JDK, S4J_JAVA.

S4J_MIN_JAVA=25

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing.
s4j_jdk_version() {
  local home=$1 v
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  echo "$v"
}

s4j_find_jdk() {
  local cand v
  local -a cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    cands+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for cand in /usr/lib/jvm/*; do cands+=("$cand"); done
  for cand in "${cands[@]}"; do
    v=$(s4j_jdk_version "$cand")
    # javac too: the launchers build the jar on first use
    if [ -x "$cand/bin/javac" ] && [ -n "$v" ] && [ "$v" -ge "$S4J_MIN_JAVA" ] 2>/dev/null; then
      S4J_JDK="$cand"
      S4J_JAVA="$cand/bin/java"
      return 0
    fi
  done
  echo "supervisor4j: no JDK >= $S4J_MIN_JAVA found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one, e.g. Temurin 25 (apt package temurin-25-jdk), or set JAVA_HOME" >&2
  exit 2
}

s4j_find_jdk
