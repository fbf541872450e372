package io.supervisor4j.rpc.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * {@code GET /logtail/<namespec>[/stdout|/stderr]} and {@code GET /mainlogtail}: the last 1024 bytes of the log,
 * then whatever is appended, chunked, until the client goes away. Each stream is a {@link TailFollower} driven
 * by the server's scheduler, so a quiet stream holds a file descriptor but no thread.
 */
final class LogTailEndpoint {
  static final int HEAD_BYTES = 1024;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private final LogTailSource source;
  private final Scheduler scheduler;
  private final long pollMillis;
  private final Set<TailFollower> active = ConcurrentHashMap.newKeySet();

  LogTailEndpoint(LogTailSource source, Scheduler scheduler, long pollMillis) {
    this.source = source;
    this.scheduler = scheduler;
    this.pollMillis = pollMillis;
  }

  void handleProcessTail(Request request, Response response, Callback callback) {
    if (!HttpMethod.GET.is(request.getMethod())) {
      HttpErrors.write(response, callback, HttpStatus.BAD_REQUEST_400, false);
      return;
    }
    // "/logtail/<namespec>[/<channel>]"; the path is already percent-decoded
    String rest = request.getHttpURI().getDecodedPath().replaceFirst("^/+", "");
    int slash = rest.indexOf('/');
    rest = slash < 0 ? "" : rest.substring(slash + 1);
    String namespec = rest;
    String channel = "stdout";
    int s = rest.indexOf('/');
    if (s >= 0) {
      namespec = rest.substring(0, s);
      channel = rest.substring(s + 1);
    }
    Optional<Path> file = namespec.isEmpty() || !(channel.equals("stdout") || channel.equals("stderr"))
        ? Optional.empty()
        : source.processLog(namespec, channel);
    stream(file, true, request, response, callback);
  }

  void handleMainTail(Request request, Response response, Callback callback) {
    if (!HttpMethod.GET.is(request.getMethod())) {
      HttpErrors.write(response, callback, HttpStatus.BAD_REQUEST_400, false);
      return;
    }
    stream(source.mainLog(), false, request, response, callback);
  }

  private void stream(Optional<Path> file, boolean noProxyBuffering, Request request, Response response,
      Callback callback) {
    // No file yet is a temporary condition (never started, config reload pending): 404 as supervisord 4.2.3+.
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      HttpErrors.write(response, callback, HttpStatus.NOT_FOUND_404, false);
      return;
    }
    Path path = file.get();
    TailFollower follower;
    try {
      long mtime = Files.getLastModifiedTime(path).toMillis();
      follower = new TailFollower(path, HEAD_BYTES, response, callback, scheduler, pollMillis,
          () -> clientGone(request), active::remove);
      response.setStatus(HttpStatus.OK_200);
      response.getHeaders().put(HttpHeader.LAST_MODIFIED, HTTP_DATE.format(Instant.ofEpochMilli(mtime)));
    } catch (IOException e) {
      HttpErrors.write(response, callback, HttpStatus.NOT_FOUND_404, false);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
    if (noProxyBuffering) {
      response.getHeaders().put("X-Accel-Buffering", "no");
    }
    // A quiet log is not an idle client: keep the stream open; a gone client fails the next write.
    request.addIdleTimeoutListener(timeout -> false);
    request.addFailureListener(follower::stop);
    active.add(follower);
    follower.start();
  }

  /**
   * True when the client closed its side. Jetty does not read from a connection while its request is being
   * answered, so a quiet stream would never notice; a non-blocking read on the endpoint tells EOF apart.
   * Bytes a tail client might send are dropped: this connection never serves another request.
   */
  private static boolean clientGone(Request request) {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
      return true;
    }
    try {
      return endPoint.fill(BufferUtil.allocate(256)) < 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Streams currently open (for tests and diagnostics). */
  int activeStreams() {
    return active.size();
  }

  void stopAll() {
    for (TailFollower f : active) {
      f.stop(new IOException("server stopping"));
    }
  }
}
