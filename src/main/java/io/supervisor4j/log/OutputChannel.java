package io.supervisor4j.log;

/** The two output channels of a process, named as in supervisord's config keys, log names and events. */
public enum OutputChannel {
  STDOUT("stdout"),
  STDERR("stderr");

  private final String wireName;

  OutputChannel(String wireName) {
    this.wireName = wireName;
  }

  /** {@code stdout} or {@code stderr}. */
  public String wireName() {
    return wireName;
  }
}
