package io.logplane.launcher.logging;

import ch.qos.logback.classic.Level;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --log-level} option of the commands that run until stopped (a picocli mixin). */
public final class LogLevelOption {

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:LOGPLANE_LOG_LEVEL}",
      converter = Parse.class, description = "Show more or less on the console: error, warn, info, debug or trace"
          + " (default: warnings and errors, and the Kafka broker's errors only; $LOGPLANE_LOG_LEVEL). A server's"
          + " files under DATA_DIR/logs hold INFO, or more at debug and trace.")
  Level level;

  /** The level asked for; null for the defaults. */
  public Level level() {
    return level;
  }

  /** Reads a level name, refusing any other word. */
  static final class Parse implements ITypeConverter<Level> {
    @Override
    public Level convert(String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      Level level = Logs.level(value.trim());
      if (level == null) {
        throw new TypeConversionException("'" + value + "' is not one of error, warn, info, debug, trace");
      }
      return level;
    }
  }
}
