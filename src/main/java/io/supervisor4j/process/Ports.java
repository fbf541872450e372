package io.supervisor4j.process;

import io.supervisor4j.log.ActivityLog;

/** Everything the engine needs from the outside world, wired by the daemon (and by tests with fakes). */
public record Ports(
    Clock clock,
    ProcessLauncher launcher,
    ProcessSignaller signaller,
    ActivityLog log,
    LogPaths logPaths,
    StateListener listener) {}
