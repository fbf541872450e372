package io.supervisor4j.daemon;

import io.supervisor4j.log.OutputChannel;

/**
 * What child output means to the event system, called on the watcher thread that reads the output. The
 * implementation hands everything to the supervisor loop, which owns the events; the byte arrays are not reused.
 */
interface OutputEvents {
  /** Whether processes of this group are event listeners (their stdout is the protocol channel). */
  boolean isListener(String group);

  void listenerOutput(String group, String process, byte[] data);

  void processLog(String group, String process, int pid, OutputChannel channel, byte[] data);

  void processCommunication(String group, String process, int pid, OutputChannel channel, byte[] data);

  OutputEvents NONE =
      new OutputEvents() {
        @Override
        public boolean isListener(String group) {
          return false;
        }

        @Override
        public void listenerOutput(String group, String process, byte[] data) {}

        @Override
        public void processLog(String group, String process, int pid, OutputChannel channel, byte[] data) {}

        @Override
        public void processCommunication(
            String group, String process, int pid, OutputChannel channel, byte[] data) {}
      };
}
