package io.supervisor4j.web;

import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /api/v1/processes/<ns>/log/<stdout|stderr>?before=<offset>&length=<n>}: the {@code n} bytes of the log
 * that end at byte {@code before} (default: the end of the file), so that a page can walk back from the live tail;
 * with {@code ?after=<offset>} instead, the bytes appended since {@code offset} (how the page follows a log).
 * Answers {@code {data, start, end, size}}; built on {@code tailProcess*Log} (for the size) and
 * {@code readProcess*Log} (for the bytes), with their faults.
 */
final class LogPage {
  static final int DEFAULT_LENGTH = 16 * 1024;
  static final int MAX_LENGTH = 1024 * 1024;

  private LogPage() {}

  @SuppressWarnings("unchecked")
  static CompletableFuture<Object> read(ApiCalls api, String namespec, String channel, Fields query) {
    String suffix = switch (channel) {
      case "stdout" -> "Stdout";
      case "stderr" -> "Stderr";
      default -> throw new RpcFault(RpcFaults.BAD_ARGUMENTS, "channel must be stdout or stderr");
    };
    int length = number(query.getValue("length"), DEFAULT_LENGTH);
    if (length <= 0 || length > MAX_LENGTH) {
      throw new RpcFault(RpcFaults.BAD_ARGUMENTS, "length must be 1.." + MAX_LENGTH);
    }
    int before = number(query.getValue("before"), -1);
    int after = number(query.getValue("after"), -1);
    return api.call("tailProcess" + suffix + "Log", namespec, 0, 0).thenCompose(raw -> {
      int size = ((Number) ((List<Object>) raw).get(1)).intValue();
      int start;
      int end;
      if (after >= 0) { // following: what was appended since "after" (a shrunk file starts again at 0)
        start = after > size ? 0 : after;
        end = Math.min(size, start + length);
      } else {
        end = before < 0 ? size : Math.min(before, size);
        start = Math.max(0, end - length);
      }
      CompletableFuture<Object> data = end == start
          ? CompletableFuture.completedFuture("")
          : api.call("readProcess" + suffix + "Log", namespec, start, end - start);
      return data.thenApply(text -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", text);
        out.put("start", start);
        out.put("end", end);
        out.put("size", size);
        return out;
      });
    });
  }

  private static int number(String value, int absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new RpcFault(RpcFaults.BAD_ARGUMENTS, "not a number: " + value);
    }
  }
}
