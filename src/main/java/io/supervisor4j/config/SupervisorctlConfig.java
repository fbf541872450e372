package io.supervisor4j.config;

import java.util.Optional;

/** {@code [supervisorctl]}: read by the control client only. */
public record SupervisorctlConfig(
    String serverurl,
    Optional<String> username,
    Optional<String> password,
    String prompt,
    Optional<String> historyFile) {}
