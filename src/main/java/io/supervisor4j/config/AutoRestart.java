package io.supervisor4j.config;

/** The {@code autorestart=} policy of a program: restart from EXITED never, always, or on unexpected exits. */
public enum AutoRestart {
  FALSE,
  UNEXPECTED,
  TRUE
}
