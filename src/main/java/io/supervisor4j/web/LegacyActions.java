package io.supervisor4j.web;

import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.RpcFault;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * supervisord's action links ({@code index.html?processname=<ns>&action=start|stop|restart|clearlog},
 * {@code ?action=stopall|restartall|refresh}) with its status messages, so bookmarks and scripts written for its
 * page keep working. The answer is a redirect to {@code /?message=...}, which the page shows.
 */
final class LegacyActions {
  private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US);
  private final ApiCalls api;

  LegacyActions(ApiCalls api) {
    this.api = api;
  }

  /** The status message of running {@code action}; never fails (faults become messages). */
  CompletableFuture<String> act(String action, Optional<String> processName) {
    String now = LocalDateTime.now().format(CTIME);
    String ns = processName.orElse("");
    CompletableFuture<String> done = switch (action) {
      case "refresh" -> CompletableFuture.completedFuture("Page refreshed at " + now);
      case "stopall" -> api.call("stopAllProcesses", true).thenApply(x -> "All stopped at " + now);
      case "restartall" -> api.call("stopAllProcesses", true)
          .thenCompose(x -> api.call("startAllProcesses", true)).thenApply(x -> "All restarted at " + now);
      case "start" -> api.call("startProcess", ns, true).thenApply(x -> "Process " + ns + " started");
      case "stop" -> api.call("stopProcess", ns, true).thenApply(x -> "Process " + ns + " stopped");
      case "restart" -> api.restartProcess(ns).thenApply(x -> "Process " + ns + " restarted");
      case "clearlog" -> api.call("clearProcessLogs", ns).thenApply(x -> "Log for " + ns + " cleared");
      default -> CompletableFuture.completedFuture("Unknown action " + action);
    };
    return done.exceptionally(x -> message(ns, RpcDispatcher.unwrap(x)));
  }

  private static String message(String ns, Throwable x) {
    if (!(x instanceof RpcFault f)) {
      return "ERROR: " + x.getMessage();
    }
    String name = f.faultString().split(":", 2)[0];
    return switch (name) {
      case "BAD_NAME" -> "No such process named " + ns;
      case "SPAWN_ERROR" -> "ERROR: Process " + ns + ": spawn error";
      case "ABNORMAL_TERMINATION" -> "ERROR: Process " + ns + ": abnormal termination";
      case "NO_FILE" -> "ERROR: Process " + ns + ": no such file";
      case "NOT_EXECUTABLE" -> "ERROR: Process " + ns + ": file not executable";
      case "ALREADY_STARTED" -> "ERROR: Process " + ns + ": already started";
      default -> "unexpected rpc fault [" + f.code() + "] " + f.faultString();
    };
  }
}
