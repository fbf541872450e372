# Finds a JDK >= 25: JAVA_HOME, then java on PATH, then /usr/lib/jvm/*. Sourced. Sets S4J_JDK, S4J_JAVA.
# Uses shell builtins where it can: this runs before every supervisorctl command, whose start-up we keep short.

S4J_MIN_JAVA=25

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing.
s4j_jdk_version() {
  s4j_read_jdk_version "$1"
  echo "$S4J_JDK_VERSION"
}

# Sets S4J_JDK_VERSION to the feature version of the JDK at $1 (empty if unknown), without a subshell.
s4j_read_jdk_version() {
  local home=$1 v="" line
  S4J_JDK_VERSION=""
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        v=${BASH_REMATCH[1]}
        break
      fi
    done <"$home/release"
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  fi
  S4J_JDK_VERSION=$v
}

# Accepts $1 as the JDK when it has javac (the launchers build the jar on first use) and is new enough.
s4j_try_jdk() {
  local cand=$1 v
  [ -x "$cand/bin/javac" ] || return 1
  s4j_read_jdk_version "$cand"
  v=$S4J_JDK_VERSION
  if [ -n "$v" ] && [ "$v" -ge "$S4J_MIN_JAVA" ] 2>/dev/null; then
    S4J_JDK="$cand"
    S4J_JAVA="$cand/bin/java"
    return 0
  fi
  return 1
}

s4j_find_jdk() {
  local cand java
  if [ -n "${JAVA_HOME:-}" ] && s4j_try_jdk "$JAVA_HOME"; then return 0; fi
  if java=$(command -v java 2>/dev/null); then
    java=$(readlink -f "$java")
    cand=${java%/*}
    if s4j_try_jdk "${cand%/*}"; then return 0; fi
  fi
  for cand in /usr/lib/jvm/*; do
    if s4j_try_jdk "$cand"; then return 0; fi
  done
  echo "supervisor4j: no JDK >= $S4J_MIN_JAVA found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one, e.g. Temurin 25 (apt package temurin-25-jdk), or set JAVA_HOME" >&2
  exit 2
}

s4j_find_jdk
