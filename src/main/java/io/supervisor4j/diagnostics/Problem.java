package io.supervisor4j.diagnostics;

/**
 * One thing that would go wrong, found by {@link Preflight}.
 *
 * @param program the process name ({@code group:name} when they differ), or a section such as {@code
 *     [supervisord]} for daemon-wide checks
 * @param check what was checked: {@code user}, {@code command}, {@code directory}, {@code home}, {@code logfile},
 *     {@code childlogdir}, {@code pidfile}, {@code socket}, {@code port}
 * @param message what is wrong, one line
 * @param fix how to fix it, one line
 */
public record Problem(String program, String check, String message, String fix) {}
