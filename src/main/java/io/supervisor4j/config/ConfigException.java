package io.supervisor4j.config;

/**
 * A configuration that cannot be used. The message is one line such as
 * {@code examples/bad.conf:12 [program:web] startsecs: 'ten' is not an integer}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
