package io.supervisor4j.spawn;

/** A child's output channel. */
public enum Channel {
  STDOUT,
  STDERR
}
