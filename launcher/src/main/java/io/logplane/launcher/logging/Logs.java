package io.logplane.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The commands' logging, set in code.
 *
 * <ul>
 *   <li>Console (stderr): warnings and errors; of the Kafka broker's and client's loggers
 *       ({@link #KAFKA}) errors only, their warnings being the routine of a broker that runs
 *       alone (an empty metadata log at the first start, a partition reassigned). A level asked
 *       for ({@code --log-level}) applies to all loggers alike.
 *   <li>Files, for a server ({@link #server}): {@code DIR/logs/kafka.log} for the Kafka loggers,
 *       {@code DIR/logs/logplane.log} for all others, at INFO, or at the level asked for when it
 *       shows more. Each rolls over at {@value #FILE_SIZE}, keeping {@value #KEPT} rolled files
 *       gzipped ({@code logplane.1.log.gz} the newest).
 * </ul>
 */
public final class Logs {

  /** The loggers of the Kafka broker and client libraries. */
  public static final List<String> KAFKA = List.of("kafka", "org.apache.kafka", "state.change.logger");
  /** The folder of the data directory that holds a server's log files. */
  public static final String DIR = "logs";
  static final String FILE_SIZE = "10MB";
  static final int KEPT = 5;

  private static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
  private static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger - %msg%n";

  private Logs() {}

  /** Console only, as a command that starts no server logs; {@code asked} may be null (the defaults above). */
  public static void console(Level asked) {
    LoggerContext context = reset();
    Level ours = asked != null ? asked : Level.WARN;
    Level kafka = asked != null ? asked : Level.ERROR;
    route(context, Logger.ROOT_LOGGER_NAME, ours, console(context, ours), null);
    Appender<ILoggingEvent> kafkaConsole = console(context, kafka);
    KAFKA.forEach(name -> route(context, name, kafka, kafkaConsole, null));
  }

  /** The console and the files of a server on {@code dataDir}; {@code asked} may be null. */
  public static void server(Path dataDir, Level asked) {
    LoggerContext context = reset();
    Level files = asked != null && !asked.isGreaterOrEqual(Level.INFO) ? asked : Level.INFO;
    Path dir = dataDir.resolve(DIR);
    route(context, Logger.ROOT_LOGGER_NAME, files, console(context, asked != null ? asked : Level.WARN),
        file(context, dir, "logplane"));
    Appender<ILoggingEvent> kafkaConsole = console(context, asked != null ? asked : Level.ERROR);
    Appender<ILoggingEvent> kafkaFile = file(context, dir, "kafka");
    KAFKA.forEach(name -> route(context, name, files, kafkaConsole, kafkaFile));
  }

  /** Parses a level name (error, warn, info, debug, trace, any case); null for another word. */
  public static Level level(String name) {
    Level level = Level.toLevel(name, null);
    return level == null || level == Level.ALL || level == Level.OFF ? null : level;
  }

  /** A stderr appender that lets through events at {@code threshold} and worse. */
  static Appender<ILoggingEvent> console(LoggerContext context, Level threshold) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console-" + threshold);
    console.setTarget("System.err");
    console.setEncoder(encoder(context, CONSOLE_PATTERN));
    ThresholdFilter filter = new ThresholdFilter();
    filter.setLevel(threshold.levelStr);
    filter.start();
    console.addFilter(filter);
    console.start();
    return console;
  }

  private static Appender<ILoggingEvent> file(LoggerContext context, Path dir, String name) {
    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setName(name);
    file.setFile(dir.resolve(name + ".log").toString());
    file.setEncoder(encoder(context, FILE_PATTERN));
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(file);
    rolling.setFileNamePattern(dir.resolve(name + ".%i.log.gz").toString());
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEPT);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(FileSize.valueOf(FILE_SIZE));
    trigger.start();
    file.setRollingPolicy(rolling);
    file.setTriggeringPolicy(trigger);
    file.start();
    return file;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }

  /** A logger at a level, writing to these appenders only (the file may be null). */
  private static void route(LoggerContext context, String name, Level level, Appender<ILoggingEvent> console,
      Appender<ILoggingEvent> file) {
    Logger logger = context.getLogger(name);
    logger.setLevel(level);
    logger.setAdditive(false);
    logger.addAppender(console);
    if (file != null) {
      logger.addAppender(file);
    }
  }

  private static LoggerContext reset() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    return context;
  }
}
