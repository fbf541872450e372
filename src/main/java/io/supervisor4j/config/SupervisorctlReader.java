package io.supervisor4j.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@code [supervisorctl]} as supervisorctl's {@code ClientOptions.read_config} reads it. */
final class SupervisorctlReader {
  private SupervisorctlReader() {}

  static final String DEFAULT_SERVERURL = "http://localhost:9001";
  static final String DEFAULT_PROMPT = "supervisor";

  static SupervisorctlConfig read(IniDocument doc, Problems problems, Map<String, String> env,
      Map<String, Object> envNames, String here) {
    SectionReader s = new SectionReader(doc, "supervisorctl", problems);
    Map<String, Object> withHere = new HashMap<>(envNames);
    withHere.put("here", here);
    String serverurl = s.expanded("serverurl", withHere).orElse(DEFAULT_SERVERURL);
    if (serverurl.startsWith("unix://")) {
      serverurl = "unix://" + Datatypes.normalizePath(serverurl.substring(7), env);
    }
    String prompt = s.expanded("prompt", envNames).orElse(DEFAULT_PROMPT);
    Optional<String> username = s.expanded("username", envNames);
    Optional<String> password = s.expanded("password", envNames);
    Optional<String> history = s.expanded("history_file", withHere).filter(h -> !h.isEmpty())
        .map(h -> Datatypes.normalizePath(h, env).toString());
    return new SupervisorctlConfig(serverurl, username, password, prompt, history);
  }
}
