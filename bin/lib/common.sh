# Shared by bin/ launchers: find a JDK >= 25 and (re)build the jar when sources changed.
# Sourced, not executed. Sets S4J_HOME, S4J_JAVA, S4J_CP.

S4J_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
source "$S4J_HOME/bin/lib/jdk.sh"

S4J_JAR="$S4J_HOME/target/supervisor4j.jar"

# Rebuilds target/supervisor4j.jar when it is missing or older than any source.
s4j_ensure_built() {
  local stale=0
  if [ ! -f "$S4J_JAR" ]; then
    stale=1
  elif [ -n "$(find "$S4J_HOME/src/main" "$S4J_HOME/pom.xml" -newer "$S4J_JAR" -print -quit 2>/dev/null)" ]; then
    stale=1
  fi
  if [ "$stale" = 1 ]; then
    echo "supervisor4j: building (first use or sources changed)..." >&2
    if ! (cd "$S4J_HOME" && JAVA_HOME="$S4J_JDK" ./mvnw -q -B -DskipTests package >"$S4J_HOME/target.build.log" 2>&1); then
      echo "supervisor4j: build failed; see $S4J_HOME/target.build.log" >&2
      exit 2
    fi
    rm -f "$S4J_HOME/target.build.log"
  fi
  S4J_CP="$S4J_JAR:$S4J_HOME/target/lib/*"
}

s4j_ensure_built
