package io.supervisor4j.ctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Typed input of one-shot commands ({@code fg}): lines of stdin, read on a helper thread so Ctrl-C can end a
 * wait. With {@code nativeSignals}, SIGINT is caught only while a command asked for it; otherwise it keeps its
 * default effect.
 */
final class StdinInput implements LineInput {
  private static final Object END = new Object();
  private static final Object INTERRUPT = new Object();

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean nativeSignals;
  private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
  private Thread reader;
  private volatile Runnable interruptAction;
  private boolean handlerInstalled;

  StdinInput(InputStream in, PrintStream out, PrintStream err, boolean nativeSignals) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.nativeSignals = nativeSignals;
  }

  @Override
  public Optional<String> readLine(String prompt) {
    return read(out, prompt);
  }

  /** Like Python's getpass without a terminal: the prompt goes to stderr, the answer is read from stdin. */
  @Override
  public Optional<String> readPassword(String prompt) {
    return read(err, prompt);
  }

  private Optional<String> read(PrintStream promptTo, String prompt) {
    promptTo.print(prompt);
    promptTo.flush();
    startReader();
    Interruption hook = onInterrupt(() -> lines.add(INTERRUPT));
    try {
      Object line = lines.take();
      if (line == INTERRUPT) {
        throw new CtlInterrupted();
      }
      if (line == END) {
        lines.add(END);
        return Optional.empty();
      }
      return Optional.of((String) line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CtlInterrupted();
    } finally {
      hook.close();
    }
  }

  @Override
  public synchronized Interruption onInterrupt(Runnable action) {
    installHandler();
    Runnable previous = interruptAction;
    interruptAction = action;
    return () -> interruptAction = previous;
  }

  private synchronized void startReader() {
    if (reader != null) {
      return;
    }
    reader = Thread.ofPlatform().daemon().name("stdin").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        // treated as end of input
      }
      lines.add(END);
    });
  }

  @SuppressWarnings("removal")
  private void installHandler() {
    if (!nativeSignals || handlerInstalled) {
      return;
    }
    handlerInstalled = true;
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
      Runnable action = interruptAction;
      if (action != null) {
        action.run();
      } else {
        System.exit(130); // the default effect of an unexpected Ctrl-C
      }
    });
  }
}
