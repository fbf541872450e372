package io.supervisor4j.ctl;

/** The server URL cannot be used (e.g. no {@code http://} or {@code unix://}); Python raises ValueError there. */
final class BadServerUrl extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadServerUrl(String message) {
    super(message, null, false, false);
  }
}
