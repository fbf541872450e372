package io.supervisor4j.ctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell on JLine: runs {@code status} first, then reads commands at {@code <prompt>> } with history
 * and completion until quit, exit, Ctrl-D or Ctrl-C. Always exits 0, as supervisorctl's shell does.
 */
final class Shell {
  private Shell() {}

  static int run(CtlOptions options, SupervisorctlMain.Invocation inv) {
    try {
      return run(options, inv, terminal(inv));
    } catch (IOException e) {
      inv.err().println("Error: cannot open the terminal: " + e.getMessage());
      return 0;
    }
  }

  /** Runs the shell on {@code terminal} (closed at the end). */
  static int run(CtlOptions options, SupervisorctlMain.Invocation inv, Terminal terminal) throws IOException {
    try (terminal) {
      JLineInput input = new JLineInput(terminal);
      Controller ctl = new Controller(options, inv.out(), inv.err(), input);
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("supervisorctl")
          .parser(parser())
          .completer(new ShellCompleter(ctl))
          .variable(LineReader.HISTORY_FILE, options.historyFile().map(Path::of).orElse(null))
          .option(LineReader.Option.HISTORY_TIMESTAMPED, false)
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .option(LineReader.Option.AUTO_FRESH_LINE, false)
          .build();
      if (options.historyFile().isEmpty()) {
        reader.variable(LineReader.HISTORY_FILE, null);
      }
      input.reader = reader;
      // Ctrl-C while a command runs ends the shell, as KeyboardInterrupt does in supervisorctl.
      terminal.handle(Terminal.Signal.INT, sig -> {
        Runnable hook = input.interruptAction;
        if (hook != null) {
          hook.run();
        } else {
          ctl.output("");
          saveHistory(reader);
          System.exit(0);
        }
      });
      ShellLoop.run(ctl, () -> {
        try {
          return Optional.of(reader.readLine(ctl.prompt()));
        } catch (UserInterruptException e) {
          throw new CtlInterrupted();
        } catch (EndOfFileException e) {
          return Optional.empty();
        }
      }, true);
      saveHistory(reader);
      ctl.close();
      return 0;
    }
  }

  private static void saveHistory(LineReader reader) {
    try {
      reader.getHistory().save();
    } catch (IOException | UncheckedIOException e) {
      // supervisorctl ignores an unwritable history file too
    }
  }

  private static DefaultParser parser() {
    DefaultParser p = new DefaultParser();
    p.setEofOnUnclosedQuote(false);
    p.setEofOnEscapedNewLine(false);
    p.setEscapeChars(new char[0]);
    p.setQuoteChars(new char[0]);
    return p;
  }

  private static Terminal terminal(SupervisorctlMain.Invocation inv) throws IOException {
    if (inv.nativeSignals()) {
      return TerminalBuilder.builder().system(true).nativeSignals(true).build();
    }
    return TerminalBuilder.builder().system(false).streams(inv.in(), inv.out()).type(Terminal.TYPE_DUMB)
        .nativeSignals(false).build();
  }

  /** Typed input through the line reader: confirmations, credentials, fg lines. */
  static final class JLineInput implements LineInput {
    private final Terminal terminal;
    LineReader reader;
    volatile Runnable interruptAction;

    JLineInput(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Optional<String> readLine(String prompt) {
      return read(prompt, null);
    }

    @Override
    public Optional<String> readPassword(String prompt) {
      return read(prompt, '\0');
    }

    private Optional<String> read(String prompt, Character mask) {
      try {
        // Not recorded in the history: answers and secrets are not commands.
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        return Optional.of(reader.readLine(prompt, mask));
      } catch (UserInterruptException e) {
        throw new CtlInterrupted();
      } catch (EndOfFileException e) {
        return Optional.empty();
      } finally {
        reader.setVariable(LineReader.DISABLE_HISTORY, false);
        terminal.flush();
      }
    }

    @Override
    public Interruption onInterrupt(Runnable action) {
      Runnable previous = interruptAction;
      interruptAction = action;
      return () -> interruptAction = previous;
    }
  }
}
