package io.supervisor4j.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Records envelopes per listener; processes listed in {@link #broken} answer EPIPE. */
final class FakeStdin implements ListenerStdin {
  record Write(String pool, String process, String envelope) {
    String header() {
      return envelope.substring(0, envelope.indexOf('\n'));
    }

    String payload() {
      return envelope.substring(envelope.indexOf('\n') + 1);
    }

    String eventName() {
      return header().replaceAll(".* eventname:(\\S+) .*", "$1");
    }

    long serial() {
      return Long.parseLong(header().replaceAll(".* serial:(\\d+) .*", "$1"));
    }
  }

  final List<Write> writes = new ArrayList<>();
  final Set<String> broken = new HashSet<>();

  @Override
  public WriteResult write(String pool, String process, byte[] envelope) {
    if (broken.contains(process)) {
      return WriteResult.EPIPE;
    }
    writes.add(new Write(pool, process, new String(envelope, StandardCharsets.UTF_8)));
    return WriteResult.OK;
  }

  List<Write> to(String process) {
    return writes.stream().filter(w -> w.process().equals(process)).toList();
  }
}
