package io.supervisor4j.events;

/** An event listener's protocol state, with supervisord's codes ({@code states.py: EventListenerStates}). */
public enum ListenerState {
  READY(10),
  BUSY(20),
  ACKNOWLEDGED(30),
  UNKNOWN(40);

  private final int code;

  ListenerState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
