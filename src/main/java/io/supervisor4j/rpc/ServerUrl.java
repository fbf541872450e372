package io.supervisor4j.rpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * A supervisorctl {@code serverurl}: {@code unix:///path/to.sock} or {@code http://host[:port]} (port 80 by
 * default). Anything else is rejected, as supervisorctl does.
 */
public record ServerUrl(String url, SocketAddress address, String hostHeader) {

  public static ServerUrl parse(String url) {
    if (url.startsWith("unix://")) {
      String path = url.substring("unix://".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("Unknown protocol for serverurl " + url);
      }
      // Python's client sends "localhost" as Host for unix sockets.
      return new ServerUrl(url, UnixDomainSocketAddress.of(Path.of(path)), "localhost");
    }
    if (url.startsWith("http://")) {
      String rest = url.substring("http://".length());
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      int at = authority.lastIndexOf('@');
      authority = authority.substring(at + 1);
      String host = authority;
      int port = 80;
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && !authority.endsWith("]")) {
        host = authority.substring(0, colon);
        try {
          port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("Invalid port in serverurl " + url);
        }
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        host = "localhost";
      }
      return new ServerUrl(url, InetSocketAddress.createUnresolved(host, port), authority);
    }
    throw new IllegalArgumentException("Unknown protocol for serverurl " + url);
  }

  public boolean isUnix() {
    return address instanceof UnixDomainSocketAddress;
  }
}
