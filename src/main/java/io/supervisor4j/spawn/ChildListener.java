package io.supervisor4j.spawn;

/**
 * Receives one child's output and exit, always on the watcher thread, so implementations must be quick (hand work
 * to the owner's loop). {@code output} is lent for the call only: the watcher reads the next chunk into the same
 * memory, so copy what you keep ({@link ChildOutput#array()} or the bytes of {@link ChildOutput#buffer()}).
 *
 * <p>Order: {@code onOutput} calls per channel, then that channel's {@code onChannelClosed} at EOF; {@code onExit}
 * comes when the child is reaped, which may be BEFORE the last output of a child that wrote and exited at once
 * (output keeps arriving until {@code onChannelClosed}: every byte written is delivered). A grandchild holding
 * the pipe open delays EOF past the exit indefinitely.
 */
public interface ChildListener {
  void onOutput(Channel channel, ChildOutput output);

  void onChannelClosed(Channel channel);

  void onExit(int pid, int waitStatus);
}
