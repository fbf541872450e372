package io.supervisor4j.daemon;

import io.supervisor4j.config.FcgiSocketConfig;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.spawn.ListeningSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sockets of {@code [fcgi-program:x]} groups, reference counted as supervisord's SocketManager: created when
 * the first process of the group spawns, closed when the last one has exited (or the group is removed). Called from
 * the loop thread (acquire) and the watcher thread (release), hence synchronized.
 */
final class FcgiSockets implements AutoCloseable {
  private static final Pattern TCP = Pattern.compile("tcp://(.+):(\\d+)");
  private final ActivityLog log;
  private final Map<String, FcgiSocketConfig> configs = new HashMap<>();
  private final Map<String, Pool> open = new HashMap<>();

  private record Pool(ListeningSocket socket, int users) {}

  FcgiSockets(ActivityLog log) {
    this.log = log;
  }

  /**
   * Remembers the socket of an fcgi group (other groups are ignored) after creating it once, to fail early as
   * supervisord does at group creation.
   *
   * @throws FcgiSocketException {@code Could not create FastCGI socket <url>: <reason>}
   */
  synchronized void register(GroupConfig group) {
    if (group.kind() != GroupConfig.Kind.FCGI_PROGRAM || group.fcgiSocket().isEmpty()) {
      return;
    }
    FcgiSocketConfig config = group.fcgiSocket().get();
    if (!open.containsKey(group.name())) {
      log.info("Creating socket " + config.url());
      ListeningSocket probe = create(config);
      log.info("Closing socket " + config.url());
      probe.close();
    }
    configs.put(group.name(), config);
  }

  /** The socket fd for a process of {@code group} about to spawn, counting it as a user; empty if not fcgi. */
  synchronized OptionalInt acquire(String group) {
    FcgiSocketConfig config = configs.get(group);
    if (config == null) {
      return OptionalInt.empty();
    }
    Pool pool = open.get(group);
    if (pool == null) {
      log.info("Creating socket " + config.url());
      pool = new Pool(create(config), 0);
    }
    open.put(group, new Pool(pool.socket(), pool.users() + 1));
    return OptionalInt.of(pool.socket().fd());
  }

  /** A process that used the socket exited (or failed to spawn); the last one closes it. */
  synchronized void release(String group) {
    Pool pool = open.get(group);
    if (pool == null) {
      return;
    }
    if (pool.users() > 1) {
      open.put(group, new Pool(pool.socket(), pool.users() - 1));
    } else {
      closePool(group);
    }
  }

  synchronized void groupRemoved(String group) {
    closePool(group);
    configs.remove(group);
  }

  private void closePool(String group) {
    Pool pool = open.remove(group);
    if (pool != null) {
      log.info("Closing socket " + configs.get(group).url());
      pool.socket().close();
    }
  }

  @Override
  public synchronized void close() {
    for (String group : Map.copyOf(open).keySet()) {
      closePool(group);
    }
    configs.clear();
  }

  private static ListeningSocket create(FcgiSocketConfig config) {
    String url = config.url();
    try {
      if (url.startsWith("unix://")) {
        var owner = config.owner();
        return ListeningSocket.unix(Path.of(url.substring(7)), config.backlog(), config.mode().orElse(-1),
            owner.map(o -> o.uid()).orElse(-1), owner.map(o -> o.gid()).orElse(-1));
      }
      Matcher m = TCP.matcher(url);
      if (!m.matches()) {
        throw new FcgiSocketException("Could not create FastCGI socket " + url + ": bad socket URL");
      }
      return ListeningSocket.tcp(ipv4(m.group(1)), Integer.parseInt(m.group(2)), config.backlog());
    } catch (ListeningSocket.SocketException | UnknownHostException e) {
      throw new FcgiSocketException("Could not create FastCGI socket " + url + ": " + e.getMessage());
    }
  }

  private static Inet4Address ipv4(String host) throws UnknownHostException {
    for (InetAddress a : InetAddress.getAllByName(host)) {
      if (a instanceof Inet4Address v4) {
        return v4;
      }
    }
    throw new UnknownHostException("[Errno -2] Name or service not known: " + host);
  }

  /** The fcgi socket of a group cannot be created. */
  static final class FcgiSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FcgiSocketException(String message) {
      super(message);
    }
  }
}
