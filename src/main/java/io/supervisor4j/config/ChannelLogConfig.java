package io.supervisor4j.config;

/** The logging settings of one channel (stdout or stderr) of a program: {@code stdout_logfile} and its kin. */
public record ChannelLogConfig(
    LogFile logfile,
    long maxbytes,
    int backups,
    long captureMaxbytes,
    boolean eventsEnabled,
    boolean syslog) {}
