package io.supervisor4j.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code [supervisord]} with command-line overrides already applied. Relative {@code logfile} and
 * {@code pidfile} are absolute against the daemon's working directory at start, as supervisord does.
 *
 * @param logfile empty when {@code logfile=syslog}
 * @param loglevel one of critical, error, warn, info, debug, trace, blather
 * @param environment {@code environment=} added to every child, in file order
 * @param descriptions supervisor4j's {@code descriptions=} (not a supervisord key)
 */
public record SupervisordConfig(
    Optional<Path> logfile,
    boolean logToSyslog,
    long logfileMaxbytes,
    int logfileBackups,
    String loglevel,
    Path pidfile,
    int umask,
    boolean nodaemon,
    boolean silent,
    int minfds,
    int minprocs,
    boolean nocleanup,
    Path childlogdir,
    Optional<String> user,
    Optional<Path> directory,
    boolean stripAnsi,
    Map<String, String> environment,
    String identifier,
    Descriptions descriptions) {

  public SupervisordConfig {
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }
}
