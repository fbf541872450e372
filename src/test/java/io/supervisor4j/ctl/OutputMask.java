package io.supervisor4j.ctl;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Masks what legitimately differs between two runs: pids, uptimes, dates, versions, temp dirs, python frames. */
final class OutputMask {
  private OutputMask() {}

  private static final Pattern PID = Pattern.compile("pid \\d+");
  private static final Pattern BARE_NUMBER_LINE = Pattern.compile("(?m)^[1-9]\\d*$");
  private static final Pattern UPTIME = Pattern.compile("uptime (\\d+ days?, )?\\d+:\\d\\d:\\d\\d");
  private static final Pattern STOP_DATE = Pattern.compile("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M");
  private static final Pattern LOG_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}");
  private static final Pattern VERSION = Pattern.compile("(?m)^4\\.2\\.5$");
  private static final Pattern PY_FRAME = Pattern.compile(": file: \\S+ line: \\d+");

  static String mask(String text, Path dir) {
    String s = text.replace(dir.toString(), "<DIR>");
    s = PID.matcher(s).replaceAll("pid <PID>");
    s = BARE_NUMBER_LINE.matcher(s).replaceAll("<N>");
    s = UPTIME.matcher(s).replaceAll("uptime <UPTIME>");
    s = STOP_DATE.matcher(s).replaceAll("<DATE>");
    s = LOG_TIME.matcher(s).replaceAll("<TIME>");
    s = VERSION.matcher(s).replaceAll("<VERSION>");
    return PY_FRAME.matcher(s).replaceAll(": file: <FILE> line: <LINE>");
  }
}
