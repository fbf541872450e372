package io.supervisor4j.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExecutableResolverTest {
  @TempDir Path tmp;

  @Test
  void searchesTheDefaultPath() {
    assertThat(ExecutableResolver.resolve("sh", Optional.empty())).isEqualTo(Path.of("/bin/sh"));
    assertThat(ExecutableResolver.resolve("/usr/bin/env", Optional.empty())).isEqualTo(Path.of("/usr/bin/env"));
  }

  @Test
  void searchesTheGivenPathInOrder() throws Exception {
    Path a = Files.createDirectory(tmp.resolve("a"));
    Path b = Files.createDirectory(tmp.resolve("b"));
    Path tool = Files.createFile(b.resolve("tool"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    assertThat(ExecutableResolver.resolve("tool", Optional.of(a + ":" + b + "/"))).isEqualTo(tool);
  }

  @Test
  void supervisordMessagesAndFaults() throws Exception {
    assertThatThrownBy(() -> ExecutableResolver.resolve("nosuchcmd", Optional.of("/bin")))
        .isInstanceOfSatisfying(SpawnException.class, e -> assertThat(e.fault()).isEqualTo(SpawnFault.NO_FILE))
        .hasMessage("can't find command 'nosuchcmd'");
    assertThatThrownBy(() -> ExecutableResolver.resolve("/no/such", Optional.empty()))
        .hasMessage("can't find command '/no/such'");
    Files.createDirectory(tmp.resolve("dir"));
    assertThatThrownBy(() -> ExecutableResolver.resolve("dir", Optional.of(tmp.toString())))
        .isInstanceOfSatisfying(SpawnException.class, e -> assertThat(e.fault()).isEqualTo(SpawnFault.NOT_EXECUTABLE))
        .hasMessage("command at '" + tmp + "/dir' is a directory");
    Path plain = Files.writeString(tmp.resolve("plain"), "x");
    assertThatThrownBy(() -> ExecutableResolver.resolve(plain.toString(), Optional.empty()))
        .isInstanceOfSatisfying(SpawnException.class, e -> assertThat(e.fault()).isEqualTo(SpawnFault.NOT_EXECUTABLE))
        .hasMessage("command at '" + plain + "' is not executable");
  }

  @Test
  void resolveCommandSplitsAndRefusesEmptyCommands() {
    var resolved = ExecutableResolver.resolveCommand("cat -n 'a file'", Optional.empty());
    assertThat(resolved.executable()).isEqualTo(Path.of("/bin/cat"));
    assertThat(resolved.argv()).isEqualTo(List.of("cat", "-n", "a file"));
    assertThatThrownBy(() -> ExecutableResolver.resolveCommand("  ", Optional.empty())).hasMessage("command is empty");
  }
}
