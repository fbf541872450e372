package io.supervisor4j.process;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * supervisord's process info struct ({@code getProcessInfo}). Times are epoch seconds capped to a 32-bit int as
 * supervisord's {@code capped_int}; {@code exitstatus} is 0 when unknown and -1 after death by signal.
 */
public record ProcessInfo(
    String name,
    String group,
    int start,
    int stop,
    int now,
    ProcessState state,
    String spawnerr,
    int exitstatus,
    String stdoutLogfile,
    String stderrLogfile,
    int pid,
    String description) {

  private static final DateTimeFormatter STOP_TIME =
      DateTimeFormatter.ofPattern("MMM dd hh:mm a", Locale.ENGLISH);

  public String statename() {
    return state.name();
  }

  /** The deprecated alias of {@link #stdoutLogfile()}. */
  public String logfile() {
    return stdoutLogfile;
  }

  static ProcessInfo of(Subprocess p, Ports ports) {
    Clock clock = ports.clock();
    int start = cappedSeconds(p.laststartMillis());
    int stop = cappedSeconds(p.laststopMillis());
    int now = cappedSeconds(clock.wallMillis());
    String spawnerr = p.spawnerr().orElse("");
    String description = describe(p.state(), p.name(), p.pid(), start, stop, now, spawnerr, clock.zone());
    return new ProcessInfo(
        p.name(),
        p.groupName(),
        start,
        stop,
        now,
        p.state(),
        spawnerr,
        p.exitstatus().orElse(0),
        ports.logPaths().stdoutLogfile(p.groupName(), p.config()).map(Path::toString).orElse(""),
        ports.logPaths().stderrLogfile(p.groupName(), p.config()).map(Path::toString).orElse(""),
        p.pid(),
        description);
  }

  /** supervisord's {@code _interpretProcessInfo}. */
  static String describe(
      ProcessState state, String name, int pid, int start, int stop, int now, String spawnerr, ZoneId zone) {
    return switch (state) {
      case RUNNING -> "pid " + pid + ", uptime " + timedelta(Math.max(0, (long) now - start));
      case FATAL, BACKOFF -> spawnerr.isEmpty() ? "unknown error (try \"tail " + name + "\")" : spawnerr;
      case STOPPED, EXITED ->
          start != 0 ? STOP_TIME.format(Instant.ofEpochSecond(stop).atZone(zone)) : "Not started";
      default -> "";
    };
  }

  /** Whole seconds rendered as Python's {@code str(timedelta)}: {@code 0:01:02}, {@code 1 day, 2:03:04}. */
  static String timedelta(long seconds) {
    long days = seconds / 86400;
    long rest = seconds % 86400;
    // by hand: String.format was a quarter of getAllProcessInfo's time on the loop thread
    String hms = (rest / 3600) + ":" + twoDigits(rest % 3600 / 60) + ":" + twoDigits(rest % 60);
    return days == 0 ? hms : days + (days == 1 ? " day, " : " days, ") + hms;
  }

  private static String twoDigits(long n) {
    return n < 10 ? "0" + n : Long.toString(n);
  }

  static int cappedSeconds(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, Math.floorDiv(millis, 1000));
  }
}
