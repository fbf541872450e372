package io.supervisor4j.ctl;

import io.supervisor4j.Version;
import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcConnectionException;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import io.supervisor4j.rpc.RpcProtocolException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * supervisorctl's {@code Controller}: parses a command line, dispatches it to a {@link CtlCommand}, turns
 * unexpected failures into supervisorctl's {@code error: ...} line, and keeps the exit status. The same instance
 * serves one-shot commands and the interactive shell.
 */
public final class Controller {
  private final PrintStream out;
  private final PrintStream err;
  private final LineInput input;
  private final boolean interactive;
  private final String prompt;
  private final List<CommandBlock> blocks;
  private String serverUrl;
  private Optional<String> username;
  private Optional<String> password;
  private RpcClient client;
  private int exitStatus = ExitStatus.SUCCESS;

  public Controller(CtlOptions options, PrintStream out, PrintStream err, LineInput input) {
    this.out = out;
    this.err = err;
    this.input = input;
    this.interactive = options.interactive();
    this.prompt = options.prompt();
    this.serverUrl = options.serverUrl();
    this.username = options.username();
    this.password = options.password();
    this.blocks = List.of(
        new CommandBlock("default", DefaultCommands.all()),
        new CommandBlock("supervisor4j", Supervisor4jCommands.all()));
  }

  public int exitStatus() {
    return exitStatus;
  }

  public void setExitStatus(int status) {
    exitStatus = status;
  }

  /** supervisorctl's check for commands without arguments: false, after the error and the command's help, if any. */
  public boolean noArguments(String command, String arg) {
    if (arg.isEmpty()) {
      return true;
    }
    output("Error: " + command + " accepts no arguments");
    setExitStatus(ExitStatus.GENERIC);
    output(find(command).orElseThrow().help());
    return false;
  }

  public boolean interactive() {
    return interactive;
  }

  public String prompt() {
    return prompt + "> ";
  }

  public String serverUrl() {
    return serverUrl;
  }

  public Optional<String> username() {
    return username;
  }

  public Optional<String> password() {
    return password;
  }

  public LineInput input() {
    return input;
  }

  public List<CommandBlock> blocks() {
    return blocks;
  }

  /** All command names, for completion: {@code help}, then each block sorted, as supervisorctl's vocabulary. */
  public List<String> vocabulary() {
    List<String> names = new ArrayList<>();
    names.add("help");
    for (CommandBlock b : blocks) {
      b.commands().stream().map(CtlCommand::name).sorted().forEach(names::add);
    }
    return names;
  }

  /** Points the controller at another server ({@code open}); the next call connects there. */
  public void setServerUrl(String url) {
    serverUrl = url;
    dropClient();
  }

  private void setCredentials(String user, String pass) {
    username = Optional.of(user);
    password = Optional.of(pass);
    dropClient();
  }

  private void dropClient() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /** The XML-RPC client of the current server, created on first use. */
  public RpcClient rpc() {
    if (client == null) {
      try {
        client = RpcClient.create(serverUrl, username, password);
      } catch (IllegalArgumentException e) {
        throw new BadServerUrl(e.getMessage());
      }
    }
    return client;
  }

  /** {@code supervisor.<method>(params)}. */
  public Object call(String method, Object... params) {
    return rpc().call("supervisor." + method, params);
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> callList(String method, Object... params) {
    return (List<Map<String, Object>>) call(method, params);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> callStruct(String method, Object... params) {
    return (Map<String, Object>) call(method, params);
  }

  public void output(String message) {
    out.print(message + "\n");
    out.flush();
  }

  /** Writes raw log bytes as they arrive. */
  public void write(byte[] data, int len) {
    out.write(data, 0, len);
    out.flush();
  }

  /** A line on stderr (log stream failures, as supervisorctl's HTTP listener reports them). */
  public void errorOutput(String message) {
    err.print(message + "\n");
    err.flush();
  }

  /**
   * supervisorctl's {@code upcheck}: the server must speak API 3.0. Prints the reason and sets the exit status
   * when it does not or cannot be reached; other failures propagate.
   */
  public boolean upcheck() {
    try {
      Object api = call("getVersion");
      if (!Version.API_VERSION.equals(api)) {
        output("Sorry, this version of supervisorctl expects to talk to a server with API version "
            + Version.API_VERSION + ", but the remote version is " + api + ".");
        exitStatus = ExitStatus.NOT_INSTALLED;
        return false;
      }
    } catch (RpcFault f) {
      if (f.is(RpcFaults.UNKNOWN_METHOD)) {
        output("Sorry, supervisord responded but did not recognize the supervisor namespace commands that "
            + "supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is "
            + "enabled in the configuration file (see sample.conf).");
        exitStatus = ExitStatus.UNIMPLEMENTED_FEATURE;
        return false;
      }
      exitStatus = ExitStatus.GENERIC;
      throw f;
    } catch (RpcConnectionException e) {
      switch (e.reason()) {
        case REFUSED -> {
          output(serverUrl + " refused connection");
          exitStatus = ExitStatus.INSUFFICIENT_PRIVILEGES;
          return false;
        }
        case NO_SUCH_FILE -> {
          output(serverUrl + " no such file");
          exitStatus = ExitStatus.NOT_RUNNING;
          return false;
        }
        default -> {
          exitStatus = ExitStatus.GENERIC;
          throw e;
        }
      }
    }
    return true;
  }

  /** Exit status from a per-process result code, as {@code set_exitstatus_from_xmlrpc_fault}. */
  public void setExitStatusFromFault(int code, Optional<RpcFaults> ignored) {
    if (code == RpcFaults.SUCCESS.code() || ignored.map(RpcFaults::code).orElse(-1) == code) {
      return;
    }
    if (code == RpcFaults.SPAWN_ERROR.code() || code == RpcFaults.ABNORMAL_TERMINATION.code()
        || code == RpcFaults.NOT_RUNNING.code()) {
      exitStatus = ExitStatus.NOT_RUNNING;
    } else {
      exitStatus = ExitStatus.GENERIC;
    }
  }

  /** Runs one command line; returns true when the shell should end. */
  public boolean onecmd(String rawLine) {
    String line = rawLine.strip();
    if (line.isEmpty()) {
      return false;
    }
    if (line.charAt(0) == '?') {
      line = "help " + line.substring(1);
    } else if (line.charAt(0) == '!') {
      return unknown(line);
    }
    int i = 0;
    while (i < line.length() && isIdentChar(line.charAt(i))) {
      i++;
    }
    String name = line.substring(0, i);
    String arg = line.substring(i).strip();
    Optional<CtlCommand> command = find(name);
    if (name.isEmpty() || command.isEmpty()) {
      return unknown(line);
    }
    CtlCommand.Handler handler = command.get().handler();
    try {
      try {
        return handler.run(this, arg);
      } catch (RpcProtocolException e) {
        if (!e.isUnauthorized()) {
          exitStatus = ExitStatus.GENERIC;
          throw e;
        }
        output("Server requires authentication");
        if (interactive) {
          String user = input.readLine("Username:").orElse("");
          String pass = input.readPassword("Password:").orElse("");
          output("");
          setCredentials(user, pass);
          return onecmd(line);
        }
        exitStatus = ExitStatus.GENERIC;
      }
      // supervisorctl runs the command a second time after a refused one-shot login (and fails the same way).
      return handler.run(this, arg);
    } catch (CtlInterrupted e) {
      throw e; // Ctrl-C is no error: it ends the shell (KeyboardInterrupt is not an Exception in Python)
    } catch (RuntimeException e) {
      output(PyErrors.describe(e));
      exitStatus = ExitStatus.GENERIC;
      return false;
    }
  }

  private boolean unknown(String line) {
    output("*** Unknown syntax: " + line);
    exitStatus = ExitStatus.GENERIC;
    return false;
  }

  private static boolean isIdentChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  Optional<CtlCommand> find(String name) {
    if (name.equals("help")) {
      return Optional.of(CtlCommand.of("help", Controller::help, ""));
    }
    if (name.equals("EOF")) {
      return Optional.of(new CtlCommand("EOF", (ctl, arg) -> {
        ctl.output("");
        return true;
      }, ""));
    }
    for (CommandBlock b : blocks) {
      for (CtlCommand c : b.commands()) {
        if (c.name().equals(name)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@code help}: every block as a titled column list; {@code help <topic>}: that command's text. supervisorctl
   * asks each plugin in turn; we answer once, so {@code help why} does not add a "No help" line.
   */
  private void help(String arg) {
    if (arg.equals("help")) {
      output("help\t\tPrint a list of available actions");
      output("help <action>\tPrint help for <action>");
      return;
    }
    if (!arg.isEmpty()) {
      for (CommandBlock b : blocks) {
        for (CtlCommand c : b.commands()) {
          if (c.name().equals(arg)) {
            output(c.help());
            return;
          }
        }
      }
      output("*** No help on " + arg);
      return;
    }
    for (CommandBlock b : blocks) {
      List<String> names = new ArrayList<>(b.commands().stream().map(CtlCommand::name).toList());
      names.sort(null);
      String header = b.name() + " commands (type help <topic>):";
      output("");
      output(header);
      output("=".repeat(header.length()));
      PyText.columnize(names, 79).forEach(this::output);
      output("");
    }
  }

  /** Releases the connection to the server. */
  public void close() {
    dropClient();
  }
}
