package io.supervisor4j.log;

import io.supervisor4j.config.PyRepr;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * AUTO child logs in {@code childlogdir}: creation ({@code get_autochildlog_name}, a {@code mkstemp}) and the startup
 * cleanup ({@code clear_autochildlogdir}).
 */
public final class AutoChildLogs {
  private static final char[] NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_".toCharArray();
  private static final int ATTEMPTS = 10_000; // Python's TMP_MAX

  private AutoChildLogs() {}

  /**
   * Creates {@code <processname>-<channel>---<identifier>-<8 random chars>.log} exclusively with mode 0600, as
   * {@code mkstemp} does, and returns its path.
   *
   * @throws LogException if the directory is not writable or no free name was found
   */
  public static Path create(Path childlogdir, String processName, OutputChannel channel, String identifier) {
    String prefix = processName + "-" + channel.wireName() + "---" + identifier + "-";
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Path candidate = childlogdir.resolve(prefix + randomName() + ".log");
      try {
        return Files.createFile(
            candidate, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        last = e;
      } catch (IOException e) {
        throw new LogException("cannot create AUTO log in " + childlogdir + ": " + RotatingFile.reason(e), e);
      }
    }
    throw new LogException("no free AUTO log name with prefix " + prefix + " in " + childlogdir, last);
  }

  /**
   * Deletes every AUTO log (and backup) of {@code identifier} in {@code childlogdir}: names matching
   * {@code .+?---<identifier>-\S+\.log\.{0,1}\d{0,4}} at their start. Failures are WARNed with supervisord's words.
   * The identifier is quoted, where supervisord uses it as a regex. Returns the number of files deleted.
   */
  public static int cleanup(Path childlogdir, String identifier, ActivityLog log) {
    Pattern names = cleanupPattern(identifier);
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(childlogdir)) {
      for (Path entry : entries) {
        if (!names.matcher(entry.getFileName().toString()).lookingAt()) {
          continue;
        }
        try {
          if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Is a directory"); // os.remove refuses directories
          }
          Files.deleteIfExists(entry);
          deleted++;
        } catch (IOException e) {
          log.warn("Failed to clean up " + PyRepr.str(entry.toString()));
        }
      }
    } catch (IOException | java.nio.file.DirectoryIteratorException e) {
      log.warn("Could not clear childlog dir");
    }
    return deleted;
  }

  static Pattern cleanupPattern(String identifier) {
    // Python 3 str patterns are Unicode-aware, so \S and \d are here too.
    return Pattern.compile(
        ".+?---" + Pattern.quote(identifier) + "-\\S+\\.log\\.{0,1}\\d{0,4}", Pattern.UNICODE_CHARACTER_CLASS);
  }

  // Not a SecureRandom: mkstemp's names need not be secret (O_EXCL refuses an existing file, and Python's mkstemp
  // draws them from a plain Random too), and SecureRandom cost 15-30 us per name (N=500: 15-30 ms).
  private static String randomName() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] name = new char[8];
    for (int i = 0; i < name.length; i++) {
      name[i] = NAME_CHARS[random.nextInt(NAME_CHARS.length)];
    }
    return new String(name);
  }
}
