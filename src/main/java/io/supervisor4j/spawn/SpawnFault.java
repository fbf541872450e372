package io.supervisor4j.spawn;

/**
 * Why a spawn failed, as supervisord's startProcess maps it to XML-RPC faults: a missing command is NO_FILE, a bad
 * command line / directory / non-executable file / no permission is NOT_EXECUTABLE, everything else (pipes, fork,
 * chdir, setuid) is SPAWN_ERROR (the process goes to BACKOFF with only a spawnerr).
 */
public enum SpawnFault {
  NO_FILE,
  NOT_EXECUTABLE,
  SPAWN_ERROR
}
