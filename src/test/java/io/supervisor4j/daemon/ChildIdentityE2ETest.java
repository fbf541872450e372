package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a child observes about itself: user, groups, the user's environment, working directory, umask. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChildIdentityE2ETest extends DaemonE2E {
  private static final String REPORT =
      "id -u; id -g; id -G; echo \"$HOME\"; echo \"$USER\"; echo \"$LOGNAME\"; echo \"$SHELL\"";

  @Test
  void userNobodyGetsItsIdsGroupsAndEnvironmentUnlessOverridden() throws IOException {
    // nobody must be able to write its report: the temp dir is private to root by default
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
    daemon = DaemonProcess.of(dir, """
        [program:plain]
        command=/bin/sh -c '{ %1$s; } > %2$s/plain.txt'
        user=nobody
        startsecs=0
        autorestart=false

        [program:custom]
        command=/bin/sh -c '{ %1$s; } > %2$s/custom.txt'
        user=nobody
        environment=HOME=/custom
        startsecs=0
        autorestart=false
        """.formatted(REPORT, out)).startForeground();
    daemon.awaitLogLine("exited: plain \\(exit status 0; expected\\)");
    daemon.awaitLogLine("exited: custom \\(exit status 0; expected\\)");

    String[] nobody = passwdEntry("nobody");
    String uid = nobody[2];
    String gid = nobody[3];
    List<String> plain = Files.readAllLines(out.resolve("plain.txt"));
    assertThat(plain).containsExactly(uid, gid, String.join(" ", groupsOf("nobody", gid)), nobody[5], "nobody",
        "nobody", nobody[6]);
    assertThat(plain.get(3)).isNotEqualTo("/root");
    List<String> custom = Files.readAllLines(out.resolve("custom.txt"));
    assertThat(custom.get(0)).isEqualTo(uid);
    assertThat(custom.get(3)).isEqualTo("/custom");
    assertThat(custom.subList(4, 7)).containsExactly("nobody", "nobody", nobody[6]);
  }

  @Test
  void umaskAndDirectoryApplyToTheChild() throws IOException {
    Path work = Files.createDirectory(dir.resolve("work"));
    daemon = DaemonProcess.of(dir, """
        [program:x]
        command=/bin/sh -c 'pwd > %1$s/report.txt; umask >> %1$s/report.txt'
        directory=%2$s
        umask=027
        startsecs=0
        autorestart=false
        """.formatted(dir, work)).startForeground();
    daemon.awaitLogLine("exited: x \\(exit status 0; expected\\)");
    assertThat(Files.readAllLines(dir.resolve("report.txt"))).containsExactly(work.toString(), "0027");
  }

  private static String[] passwdEntry(String name) throws IOException {
    return Files.readAllLines(Path.of("/etc/passwd")).stream().map(l -> l.split(":", -1))
        .filter(f -> f[0].equals(name)).findFirst().orElseThrow();
  }

  /** The primary gid first, then every /etc/group entry listing the user, as {@code id -G} prints them. */
  private static List<String> groupsOf(String user, String primaryGid) throws IOException {
    List<String> groups = new ArrayList<>(List.of(primaryGid));
    for (String line : Files.readAllLines(Path.of("/etc/group"))) {
      String[] f = line.split(":", -1);
      if (f.length == 4 && List.of(f[3].split(",")).contains(user) && !groups.contains(f[2])) {
        groups.add(f[2]);
      }
    }
    return groups;
  }
}
