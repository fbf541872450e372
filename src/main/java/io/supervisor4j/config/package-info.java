/**
 * The supervisord.conf model: the INI dialect, {@code %(name)s} expansion, typed values and one immutable
 * record per section. Loading either yields a complete {@link io.supervisor4j.config.Configuration} or
 * throws {@link io.supervisor4j.config.ConfigException} naming file, line, section and key.
 */
package io.supervisor4j.config;
