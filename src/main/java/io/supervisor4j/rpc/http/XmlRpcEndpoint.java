package io.supervisor4j.rpc.http;

import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.XmlRpcCall;
import io.supervisor4j.rpc.XmlRpcException;
import io.supervisor4j.rpc.XmlRpcReader;
import io.supervisor4j.rpc.XmlRpcWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /RPC2*}: reads the body asynchronously up to a size limit, parses it, dispatches, and answers
 * when the (possibly deferred) result is there. No thread waits for a deferred call.
 */
final class XmlRpcEndpoint {
  private final RpcDispatcher dispatcher;
  private final ActivityLog log;
  private final int maxBodyBytes;
  private final int maxDepth;
  // Size of each method's last answer (known methods only): the next one is written into one buffer that size.
  private final Map<String, Integer> answerSizes = new ConcurrentHashMap<>();

  XmlRpcEndpoint(RpcDispatcher dispatcher, ActivityLog log, int maxBodyBytes, int maxDepth) {
    this.dispatcher = dispatcher;
    this.log = log;
    this.maxBodyBytes = maxBodyBytes;
    this.maxDepth = maxDepth;
  }

  void handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      HttpErrors.write(response, callback, HttpStatus.BAD_REQUEST_400, false);
      return;
    }
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      tooLarge(response, callback);
      return;
    }
    new BodyReader(request, response, callback, declared > 0 ? (int) declared : 1024).run();
  }

  private void tooLarge(Response response, Callback callback) {
    log.error("XML-RPC request body larger than " + maxBodyBytes + " bytes refused");
    HttpErrors.write(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, true);
  }

  /** Accumulates request content chunk by chunk as Jetty makes it available (demand/read, no blocking). */
  private final class BodyReader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body;

    BodyReader(Request request, Response response, Callback callback, int sizeHint) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.body = new ByteArrayOutputStream(Math.min(sizeHint, maxBodyBytes));
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          callback.failed(chunk.getFailure());
          return;
        }
        boolean last = chunk.isLast();
        ByteBuffer bb = chunk.getByteBuffer();
        if (body.size() + bb.remaining() > maxBodyBytes) {
          chunk.release();
          tooLarge(response, callback);
          return;
        }
        byte[] copy = new byte[bb.remaining()];
        bb.get(copy);
        body.writeBytes(copy);
        chunk.release();
        if (last) {
          process(request, body.toByteArray(), response, callback);
          return;
        }
      }
    }
  }

  private void process(Request request, byte[] body, Response response, Callback callback) {
    XmlRpcCall call;
    try {
      call = XmlRpcReader.readCall(body, maxDepth);
    } catch (XmlRpcException e) {
      String why = e.getMessage().equals("no method name") ? "no method name" : "unmarshallable";
      log.error("XML-RPC request data " + preview(body) + " is invalid: " + why + " (" + e.getMessage() + ")");
      HttpErrors.write(response, callback, HttpStatus.BAD_REQUEST_400, false);
      return;
    }
    if (log.isEnabled(LogLevel.TRAC)) {
      log.trace("XML-RPC method called: " + call.methodName() + "()");
    }
    // A deferred call may wait for minutes (stopwaitsecs, startsecs); supervisord has no server-side timeout.
    request.addIdleTimeoutListener(timeout -> false);
    CompletableFuture<Object> result = dispatcher.dispatch(call.methodName(), call.params());
    if (result.isDone()) {
      result.whenComplete((value, error) -> respond(call, value, error, response, callback));
    } else {
      // Deferred: whoever completes the future (e.g. the engine's loop) must not pay for serialization and I/O.
      result.whenCompleteAsync((value, error) -> respond(call, value, error, response, callback),
          request.getComponents().getExecutor());
    }
  }

  private void respond(XmlRpcCall call, Object value, Throwable error, Response response, Callback callback) {
    ByteBuffer body;
    try {
      if (error == null) {
        int last = answerSizes.getOrDefault(call.methodName(), 256);
        body = XmlRpcWriter.response(value, last + last / 16);
        answerSizes.put(call.methodName(), body.remaining());
        if (log.isEnabled(LogLevel.TRAC)) {
          log.trace("XML-RPC method " + call.methodName() + "() returned successfully");
        }
      } else if (RpcDispatcher.unwrap(error) instanceof RpcFault f) {
        body = ByteBuffer.wrap(XmlRpcWriter.fault(f.code(), f.faultString()));
        if (log.isEnabled(LogLevel.TRAC)) {
          log.trace("XML-RPC method " + call.methodName() + "() returned fault: [" + f.code() + "] "
              + f.faultString());
        }
      } else {
        throw RpcDispatcher.unwrap(error);
      }
    } catch (Throwable t) {
      // supervisord answers 500 and logs CRIT; the client never sees a stack trace.
      StackTraceElement[] frames = t.getStackTrace();
      log.critical("Handling XML-RPC request " + call.methodName() + "() raised an unexpected exception: " + t
          + (frames.length > 0 ? " at " + frames[0] : ""));
      HttpErrors.write(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, false);
      return;
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
    response.write(true, body, callback);
  }

  private static String preview(byte[] body) {
    int n = Math.min(body.length, 200);
    String s = new String(body, 0, n, StandardCharsets.UTF_8);
    return "'" + s.replace("\n", "\\n") + (body.length > n ? "...' (" + body.length + " bytes)" : "'");
  }
}
