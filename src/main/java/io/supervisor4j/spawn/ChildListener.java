package io.supervisor4j.spawn;

/**
 * Receives one child's output and exit, always on the watcher thread, so implementations must be quick (hand work
 * to the owner's loop) and must copy {@code data} if they keep it: the array is reused after the call.
 *
 * <p>Order: {@code onOutput} calls per channel, then that channel's {@code onChannelClosed} at EOF; {@code onExit}
 * comes when the child is reaped, which may be BEFORE the last output of a child that wrote and exited at once
 * (output keeps arriving until {@code onChannelClosed}: every byte written is delivered). A grandchild holding
 * the pipe open delays EOF past the exit indefinitely.
 */
public interface ChildListener {
  void onOutput(Channel channel, byte[] data, int length);

  void onChannelClosed(Channel channel);

  void onExit(int pid, int waitStatus);
}
