package io.logplane.events.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producer and consumer configurations of the log's clients. */
public final class ClientSettings {

  /** Largest record the log accepts, as the topic's {@code max.message.bytes}. */
  public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private ClientSettings() {}

  /**
   * The appender: durable (acks=all, idempotent, so retries neither lose nor duplicate nor
   * reorder records) and group-committing: no linger, one request in flight, so a record goes
   * out at once when the log is idle and the records that arrive during a round trip go out
   * together in the next one. A linger (even with several requests in flight) delays every
   * write by the linger: one client's creates wait for it one by one, and many clients get no
   * more throughput from it.
   */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, String topic) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(topic, "producer"));
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
    // A leader that stops answering (frozen, cut off) holds a request until it times out; only then
    // does the producer look for the new leader the controller chose. Kafka's 30 s kept writes
    // stopped for as long as a broker was frozen; retries are idempotent, so a shorter wait costs
    // nothing but a resend on a slow broker.
    c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    // With no broker answering, send() itself waits for the topic's metadata; it is called on the
    // API's event loops, which Kafka's 60 s would stall (and a stop with them): the append fails
    // instead, and its request gets an error.
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REQUEST_TIMEOUT_MS);
    return new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** How long a request to a broker may go unanswered before the client tries again, elsewhere if need be. */
  public static final int REQUEST_TIMEOUT_MS = 5_000;

  /**
   * A group-less consumer (offsets are the caller's, never committed) tuned for tailing: the
   * broker answers a fetch as soon as a record is there, after 50 ms when none is. Offsets outside the
   * log fail ({@code auto.offset.reset=none}) instead of silently jumping.
   */
  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String topic, String role) {
    return new KafkaConsumer<>(consumerConfig(bootstrap, topic, role), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * A consumer for a reader that learns this process's own appends from their acknowledgements
   * and reads the log for the others' (other API replicas): the broker answers once 1 MiB is
   * there or after {@code maxWait}, instead of once per append. Each answer costs the broker and
   * the reader a round trip, which at one per create was a good part of the CPU a create took;
   * records from other writers arrive up to {@code maxWait} later than they could.
   */
  public static KafkaConsumer<byte[], byte[]> follower(String bootstrap, String topic, java.time.Duration maxWait) {
    Map<String, Object> c = consumerConfig(bootstrap, topic, "follower");
    c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) maxWait.toMillis());
    return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static Map<String, Object> consumerConfig(String bootstrap, String topic, String role) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(topic, role));
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    c.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2 * REQUEST_TIMEOUT_MS); // its fetches wait up to 1 s themselves
    return c;
  }

  private static String clientId(String topic, String role) {
    return "logplane-" + topic + "-" + role + "-" + CLIENTS.incrementAndGet();
  }
}
