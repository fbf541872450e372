package io.supervisor4j.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the interactive shell. {@code bin/supervisorctl} keeps JLine off the class path so one-shot commands
 * start fast; then the shell runs in a class loader that adds the JLine jar from {@code target/lib} (or
 * {@code s4j.jline.jar}). When JLine is already visible (tests, IDE) the shell runs directly.
 */
final class ShellLoader {
  private ShellLoader() {}

  static int run(CtlOptions options, String[] args, SupervisorctlMain.Invocation inv) {
    if (jlineVisible()) {
      return Shell.run(options, inv);
    }
    Optional<Path> jline = findJline();
    if (jline.isEmpty()) {
      inv.err().print("Error: the interactive shell needs the JLine jar (target/lib/jline-*.jar)\n");
      return 2;
    }
    List<URL> urls = new ArrayList<>();
    try {
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      urls.add(jline.get().toUri().toURL());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    // A fresh world for the shell: our classes and JLine from one loader, sharing only JDK types with this one.
    try (URLClassLoader loader = new URLClassLoader("shell", urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      Class<?> isolated = loader.loadClass(ShellLoader.class.getName());
      java.lang.reflect.Method entry = isolated.getDeclaredMethod("isolatedMain", String[].class,
          InputStream.class, PrintStream.class, PrintStream.class, Map.class, Path.class, String.class, boolean.class);
      entry.setAccessible(true); // same package, other loader: package access does not cross loaders
      // JLine finds its terminal providers through the context class loader.
      Thread.currentThread().setContextClassLoader(loader);
      Object status = entry.invoke(null, args, inv.in(), inv.out(), inv.err(), inv.env(), inv.cwd(), inv.argv0(),
          inv.nativeSignals());
      return (Integer) status;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Entry point inside the shell's class loader. */
  static int isolatedMain(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
      Path cwd, String argv0, boolean nativeSignals) {
    return SupervisorctlMain.run(args, new SupervisorctlMain.Invocation(in, out, err, env, cwd, argv0,
        nativeSignals));
  }

  private static boolean jlineVisible() {
    try {
      Class.forName("org.jline.reader.LineReader", false, ShellLoader.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static Optional<Path> findJline() {
    String explicit = System.getProperty("s4j.jline.jar");
    if (explicit != null) {
      return Optional.of(Path.of(explicit));
    }
    List<Path> dirs = new ArrayList<>();
    Optional.ofNullable(System.getProperty("s4j.home")).ifPresent(h -> dirs.add(Path.of(h, "target", "lib")));
    try {
      Path jar = Path.of(ShellLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      dirs.add(jar.resolveSibling("lib"));
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no code source: rely on s4j.home
    }
    for (Path dir : dirs) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "jline-*.jar")) {
        for (Path j : jars) {
          return Optional.of(j);
        }
      } catch (IOException e) {
        // try the next place
      }
    }
    return Optional.empty();
  }
}
