package io.logplane.tests;

import io.logplane.broker.EmbeddedKafka;
import io.logplane.events.KafkaChangelog;
import io.logplane.projections.rebuild.KafkaRawSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Searches what a stopped server left in its data directory for Secret values (invariant 8):
 * every record of a Kafka topic, every key and value of the RocksDB state (read through RocksDB,
 * so compressed blocks are searched as their bytes), and the text of the server's log files.
 * Each method returns where a value was found, empty when nowhere.
 */
public final class SecretSearch {

  private SecretSearch() {}

  /** The records of {@code topic} that hold one of {@code values}; throws when the topic is empty. */
  public static List<String> inTopic(Path dataDir, String topic, List<String> values) {
    List<String> found = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0)) {
      long end = KafkaChangelog.endOffset(kafka.bootstrap(), topic);
      if (end <= 0) {
        throw new IllegalStateException(topic + " has no records to search");
      }
      long read = 0;
      try (var source = new KafkaRawSource(kafka.bootstrap(), topic, 0)) {
        while (read < end) {
          for (var raw : source.poll()) {
            read++;
            String text = new String(raw.value(), StandardCharsets.ISO_8859_1);
            values.stream().filter(text::contains).forEach(v -> found.add(topic + "@" + raw.offset() + ": " + v));
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("searching " + topic + ": " + e, e);
    }
    return found;
  }

  /** The keys of the RocksDB state under {@code dataDir/state} whose key or value holds one of {@code values}. */
  public static List<String> inState(Path dataDir, List<String> values) {
    List<String> found = new ArrayList<>();
    RocksDB.loadLibrary();
    try (Options options = new Options();
        RocksDB db = RocksDB.openReadOnly(options, dataDir.resolve("state").toString());
        RocksIterator it = db.newIterator()) {
      long keys = 0;
      for (it.seekToFirst(); it.isValid(); it.next()) {
        keys++;
        String text = new String(it.key(), StandardCharsets.ISO_8859_1) + "\n"
            + new String(it.value(), StandardCharsets.ISO_8859_1);
        for (String v : values) {
          if (text.contains(v)) {
            found.add("state " + new String(it.key(), StandardCharsets.ISO_8859_1) + ": " + v);
          }
        }
      }
      if (keys == 0) {
        throw new IllegalStateException("the state holds no key to search");
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("reading the state: " + e, e);
    }
    return found;
  }

  /** The files under {@code dataDir/logs} (gzipped rolled ones as their bytes) holding one of {@code values}. */
  public static List<String> inLogs(Path dataDir, List<String> values) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dataDir.resolve("logs"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        values.stream().filter(text::contains).forEach(v -> found.add(f.getFileName() + ": " + v));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
