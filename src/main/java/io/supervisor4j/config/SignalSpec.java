package io.supervisor4j.config;

/** A signal as configured ({@code stopsignal=TERM}): its Linux number and its name without the SIG prefix. */
public record SignalSpec(String name, int number) {}
