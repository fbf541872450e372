package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConfigLocatorTest {
  @TempDir Path root;

  @Test
  void searchOrderIsSupervisords() throws IOException {
    Path bin = Files.createDirectories(root.resolve("opt/bin"));
    Path cwd = Files.createDirectories(root.resolve("work"));
    assertThat(ConfigLocator.searchPaths(bin, cwd)).containsExactly(root.resolve("opt/etc/supervisord.conf"),
        root.resolve("opt/supervisord.conf"), cwd.resolve("supervisord.conf"), cwd.resolve("etc/supervisord.conf"),
        Path.of("/etc/supervisord.conf"), Path.of("/etc/supervisor/supervisord.conf"));
    Files.createDirectories(cwd.resolve("etc"));
    Files.writeString(cwd.resolve("etc/supervisord.conf"), "");
    assertThat(ConfigLocator.find(bin, cwd)).contains(cwd.resolve("etc/supervisord.conf"));
    Files.writeString(cwd.resolve("supervisord.conf"), "");
    assertThat(ConfigLocator.find(bin, cwd)).contains(cwd.resolve("supervisord.conf"));
    Files.writeString(root.resolve("opt/supervisord.conf"), "");
    assertThat(ConfigLocator.find(bin, cwd)).contains(root.resolve("opt/supervisord.conf"));
    Files.createDirectories(root.resolve("opt/etc"));
    Files.writeString(root.resolve("opt/etc/supervisord.conf"), "");
    assertThat(ConfigLocator.find(bin, cwd)).contains(root.resolve("opt/etc/supervisord.conf"));
  }
}
