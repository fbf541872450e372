package io.supervisor4j.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The file the test listener {@code state_logger.py} appends to: one received event a line. */
record ListenerLog(Path file) {
  /** One event as the listener got it: the envelope's headers and the (unescaped) payload. */
  record Received(Map<String, String> headers, String payload) {
    String name() {
      return headers.get("eventname");
    }

    /** The payload's first line as {@code key:value} tokens. */
    Map<String, String> fields() {
      Map<String, String> f = new HashMap<>();
      for (String t : payload.split("\n", 2)[0].split(" ")) {
        int colon = t.indexOf(':');
        if (colon > 0) {
          f.put(t.substring(0, colon), t.substring(colon + 1));
        }
      }
      return f;
    }

    @Override
    public String toString() {
      return name() + " " + payload.replace("\n", "\\n");
    }
  }

  static Path script(String name) {
    try {
      return Path.of(ListenerLog.class.getResource("/events/listeners/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code [eventlistener:name]} running the state logger into {@code file}. */
  static String section(String name, Path file, String events, int bufferSize) {
    return """
        [eventlistener:%s]
        command=/usr/bin/python3 %s %s
        events=%s
        buffer_size=%d
        stderr_logfile=%s

        """.formatted(name, script("state_logger.py"), file, events, bufferSize, file + ".stderr");
  }

  List<Received> events() {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      // the listener may be writing a line right now: only complete lines count
      text = text.substring(0, text.lastIndexOf('\n') + 1);
      return text.lines().map(ListenerLog::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> names() {
    return events().stream().map(Received::name).toList();
  }

  /** Waits for an event matching {@code p} and returns it. */
  Received await(String what, Predicate<Received> p) {
    Received[] hit = new Received[1];
    DaemonProcess.await(what + " in " + file + " (have " + names() + ")", Duration.ofSeconds(60), () -> {
      for (Received r : events()) {
        if (p.test(r)) {
          hit[0] = r;
          return true;
        }
      }
      return false;
    });
    return hit[0];
  }

  Received await(String eventName, String process) {
    return await(eventName + " of " + process,
        r -> r.name().equals(eventName) && process.equals(r.fields().get("processname")));
  }

  /** The PROCESS_STATE_* names (without the prefix) the listener got for one process, in order. */
  List<String> statesOf(String process) {
    return events().stream()
        .filter(r -> r.name().startsWith("PROCESS_STATE_") && process.equals(r.fields().get("processname")))
        .map(r -> r.name().substring("PROCESS_STATE_".length()))
        .toList();
  }

  private static Received parse(String line) {
    int tab = line.indexOf('\t');
    Map<String, String> headers = new HashMap<>();
    for (String t : line.substring(0, tab).split(" ")) {
      int colon = t.indexOf(':');
      headers.put(t.substring(0, colon), t.substring(colon + 1));
    }
    return new Received(headers, unescape(line.substring(tab + 1)));
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
