package io.supervisor4j.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workload {@code bin/supervisorctl} records its JDK AOT cache with: typical one-shot commands against a
 * small canned XML-RPC responder on a temporary unix socket, so the cache holds the classes a real run loads
 * (options, config file, HTTP client, XML-RPC codec, status table) without needing a running supervisord.
 */
public final class CtlTraining {
  private CtlTraining() {}

  private static final Pattern METHOD = Pattern.compile("<methodName>([^<]*)</methodName>");
  private static final String PROCESS = "<value><struct>"
      + member("name", "<string>web</string>") + member("group", "<string>web</string>")
      + member("state", "<int>20</int>") + member("statename", "<string>RUNNING</string>")
      + member("pid", "<int>4242</int>") + member("description", "<string>pid 4242, uptime 0:00:09</string>")
      + "</struct></value>";
  private static final Map<String, String> REPLIES = Map.of(
      "supervisor.getVersion", "<value><string>3.0</string></value>",
      "supervisor.getSupervisorVersion", "<value><string>4.2.5</string></value>",
      "supervisor.getPID", "<value><int>4242</int></value>",
      "supervisor.getAllProcessInfo", "<value><array><data>" + PROCESS + "</data></array></value>",
      "supervisor.getProcessInfo", PROCESS,
      "supervisor.readProcessStdoutLog", "<value><string>hello\nworld\n</string></value>");

  private static String member(String name, String value) {
    return "<member><name>" + name + "</name><value>" + value + "</value></member>";
  }

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("s4j-ctl-training");
    Path socket = dir.resolve("training.sock");
    Path conf = dir.resolve("supervisord.conf");
    Files.writeString(conf, "[supervisorctl]\nserverurl=unix://" + socket + "\n");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread.ofPlatform().daemon().start(() -> serve(server));
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      String[][] commands = {
          {"status"}, {"pid"}, {"version"}, {"status", "web", "nosuch"}, {"pid", "web"}, {"tail", "web"},
          {"help"}, {"help", "status"}, {"frobnicate"}};
      for (int round = 0; round < 3; round++) {
        for (String[] command : commands) {
          String[] argv = Stream.concat(Stream.of("-c", conf.toString()), Stream.of(command)).toArray(String[]::new);
          SupervisorctlMain.run(argv, new SupervisorctlMain.Invocation(InputStream.nullInputStream(), sink, sink,
              System.getenv(), dir, "supervisorctl", false));
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void serve(ServerSocketChannel server) {
    while (server.isOpen()) {
      try (SocketChannel ch = server.accept()) {
        InputStream in = Channels.newInputStream(ch);
        OutputStream out = Channels.newOutputStream(ch);
        while (answer(in, out)) {
          // keep-alive: next request on the same connection
        }
      } catch (IOException e) {
        // client went away or the server closed: fine for a training run
      }
    }
  }

  private static boolean answer(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      head.write(c);
      String h = head.toString(StandardCharsets.ISO_8859_1);
      if (h.endsWith("\r\n\r\n")) {
        break;
      }
    }
    if (c < 0) {
      return false;
    }
    Matcher len = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
    String body = len.find() ? new String(in.readNBytes(Integer.parseInt(len.group(1))), StandardCharsets.UTF_8) : "";
    Matcher m = METHOD.matcher(body);
    String method = m.find() ? m.group(1) : "";
    String value = REPLIES.get(method);
    String xml = value != null
        ? "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" + value + "\n</param>\n</params>\n"
            + "</methodResponse>\n"
        : "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>"
            + member("faultCode", "<int>10</int>") + member("faultString", "<string>BAD_NAME: nosuch</string>")
            + "</struct></value>\n</fault>\n</methodResponse>\n";
    byte[] payload = xml.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: " + payload.length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.write(payload);
    out.flush();
    return true;
  }
}
