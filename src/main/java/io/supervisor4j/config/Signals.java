package io.supervisor4j.config;

/**
 * {@code stopsignal=} as supervisord reads it ({@code signal_number}): a number Python's {@code int()} accepts, or
 * a name from {@link SignalNames}, with supervisord's error messages.
 */
final class Signals {
  private Signals() {}

  static SignalSpec parse(String value) {
    int number;
    try {
      number = Math.toIntExact(Py.parseInt(value, 10));
    } catch (NumberFormatException | ArithmeticException e) {
      number =
          SignalNames.number(Py.strip(value))
              .orElseThrow(() -> new ValueProblem("value " + PyRepr.str(value) + " is not a valid signal name"));
    }
    if (!SignalNames.isKnown(number)) {
      throw new ValueProblem("value " + PyRepr.str(value) + " is not a valid signal number");
    }
    return of(number);
  }

  /** The signal with this number, named by its canonical name ({@code "0"} for the null signal). */
  static SignalSpec of(int number) {
    return new SignalSpec(SignalNames.name(number), number);
  }
}
