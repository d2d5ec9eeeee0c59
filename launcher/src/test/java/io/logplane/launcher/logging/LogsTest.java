package io.logplane.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Which logger's events land in which file, at which level; the console of a real server is QuietConsoleIT's. */
class LogsTest {

  @TempDir Path tmp;

  private final Logger ours = LoggerFactory.getLogger("io.logplane.api.Something");
  private final Logger broker = LoggerFactory.getLogger("kafka.server.BrokerServer");
  private final Logger client = LoggerFactory.getLogger("org.apache.kafka.clients.producer.ProducerConfig");

  @AfterEach
  void backToTheConsole() {
    Logs.console(Level.INFO);
  }

  @Test
  void theBrokersLoggersGoToKafkaLogAndAllOthersToLogplaneLogAtInfo() throws Exception {
    Logs.server(tmp, null);
    ours.info("ours at info");
    ours.debug("ours at debug");
    broker.info("broker at info");
    client.warn("client at warn");
    org.apache.logging.log4j.LogManager.getLogger("org.apache.kafka.server.logger.LoggingController")
        .info("through the Log4j API");

    String logplane = Files.readString(tmp.resolve("logs/logplane.log"));
    String kafka = Files.readString(tmp.resolve("logs/kafka.log"));
    assertTrue(logplane.contains("INFO  [main] io.logplane.api.Something - ours at info"), logplane);
    assertFalse(logplane.contains("ours at debug"), logplane);
    assertFalse(logplane.contains("broker at info") || logplane.contains("client at warn"), logplane);
    assertTrue(kafka.contains("kafka.server.BrokerServer - broker at info"), kafka);
    assertTrue(kafka.contains("WARN  [main] org.apache.kafka.clients.producer.ProducerConfig - client at warn"), kafka);
    assertTrue(kafka.contains("through the Log4j API"), kafka);
    assertFalse(kafka.contains("ours at info"), kafka);
  }

  @Test
  void aMoreVerboseLevelReachesTheFilesAndALessVerboseOneLeavesThemAtInfo() throws Exception {
    Logs.server(tmp.resolve("debug"), Level.DEBUG);
    ours.debug("ours at debug");
    broker.debug("broker at debug");
    Logs.server(tmp.resolve("error"), Level.ERROR);
    ours.info("ours at info");

    assertTrue(Files.readString(tmp.resolve("debug/logs/logplane.log")).contains("ours at debug"));
    assertTrue(Files.readString(tmp.resolve("debug/logs/kafka.log")).contains("broker at debug"));
    assertTrue(Files.readString(tmp.resolve("error/logs/logplane.log")).contains("ours at info"));
  }

  @Test
  void levelsAreReadByNameInAnyCaseAndOtherWordsRefused() {
    assertEquals(Level.DEBUG, Logs.level("debug"));
    assertEquals(Level.WARN, Logs.level("WARN"));
    assertNull(Logs.level("loud"));
    assertNull(Logs.level("off"));
  }
}
