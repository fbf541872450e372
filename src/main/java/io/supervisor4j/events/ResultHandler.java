package io.supervisor4j.events;

/**
 * Judges a listener's {@code RESULT} body, as {@code [eventlistener:x] result_handler} does. supervisord's
 * handlers are Python callables; supervisor4j only has the default one, which every known listener relies on.
 */
@FunctionalInterface
public interface ResultHandler {
  /** The verdict: {@link Verdict#ERROR} stands for a handler that raised something other than RejectEvent. */
  Verdict judge(Event event, byte[] result);

  enum Verdict {
    ACCEPTED,
    REJECTED,
    ERROR
  }

  /** {@code supervisor.dispatchers:default_handler}: exactly {@code OK} accepts, anything else rejects. */
  ResultHandler DEFAULT =
      (event, result) ->
          result.length == 2 && result[0] == 'O' && result[1] == 'K' ? Verdict.ACCEPTED : Verdict.REJECTED;
}
