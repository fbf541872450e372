package io.supervisor4j.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway local user with a home directory ({@code useradd -m}), removed with {@code userdel -r}. Needs root. */
public final class TestUser implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String name;

  private TestUser(String name) {
    this.name = name;
  }

  public static TestUser create() {
    StringBuilder sb = new StringBuilder("s4jt");
    for (int i = 0; i < 8; i++) {
      sb.append((char) ('a' + RANDOM.nextInt(26)));
    }
    String name = sb.toString();
    run("useradd", "-m", "-s", "/bin/sh", name);
    return new TestUser(name);
  }

  public String name() {
    return name;
  }

  public Path home() {
    return Path.of("/home", name);
  }

  @Override
  public void close() {
    run("userdel", "-r", "-f", name);
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        // userdel -r complains about a missing mail spool and still exits 0 or 12; only useradd must succeed
        if (command[0].equals("useradd")) {
          throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
