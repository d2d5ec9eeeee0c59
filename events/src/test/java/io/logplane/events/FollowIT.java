package io.logplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logplane.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The publisher that follows the log against a real broker, checked with Reactor's StepVerifier. */
class FollowIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir, 0);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private static EventLog logWith(TestInfo info, List<Command> records) throws Exception {
    EventLog log = KafkaEventLog.open(kafka.bootstrap(), KafkaEventLogIT.topic(info), 1);
    KafkaEventLogIT.appendAll(log, records);
    return log;
  }

  @Test
  void deliversInOrderFromZeroAndFromAnOffset(TestInfo info) throws Exception {
    List<Command> records = Records.first(300);
    try (EventLog log = logWith(info, records)) {
      StepVerifier.create(log.follow(0))
          .expectNextSequence(Records.entries(records, 0))
          .thenCancel()
          .verify(TIMEOUT);
      StepVerifier.create(log.follow(123))
          .expectNextSequence(Records.entries(records, 123))
          .thenCancel()
          .verify(TIMEOUT);
    }
  }

  /*
   * What must NOT come is checked against a later signal that must come, not against a quiet
   * while: closing the log ends a follower with onError, on the thread that delivers its entries,
   * so anything delivered wrongly, however late, comes before that error and fails the step that
   * expects it. An entry beyond the demand fails StepVerifier's own check when it comes.
   */

  @Test
  void followsTheLogAsItGrows(TestInfo info) throws Exception {
    List<Command> records = Records.first(5);
    try (EventLog log = logWith(info, records.subList(0, 2))) {
      StepVerifier.create(log.follow(1))
          .expectNext(new LogEntry(1, records.get(1)))
          .then(() -> records.subList(2, 5).forEach(log::append))
          .expectNextSequence(Records.entries(records, 2))
          .then(log::close)
          .expectErrorMessage("event log closed")
          .verify(TIMEOUT);
    }
  }

  @Test
  void deliversOnlyWhatIsRequested(TestInfo info) throws Exception {
    List<Command> records = Records.first(20);
    try (EventLog log = logWith(info, records)) {
      StepVerifier.create(log.follow(0), 0)
          .expectSubscription()
          .thenRequest(3)
          .expectNextSequence(Records.entries(records, 0).subList(0, 3))
          .thenRequest(1)
          .expectNext(new LogEntry(3, records.get(3)))
          .thenRequest(12)
          .expectNextSequence(Records.entries(records, 4).subList(0, 12))
          .then(log::close) // 4 of the 20 records were never asked for
          .expectErrorMessage("event log closed")
          .verify(TIMEOUT);
    }
  }

  @Test
  void cancelEndsTheConsumerThread(TestInfo info) throws Exception {
    String prefix = "logplane-follow-" + KafkaEventLogIT.topic(info) + "-";
    try (EventLog log = logWith(info, Records.first(3))) {
      StepVerifier.create(Flux.from(log.follow(0)).take(2))
          .expectNextCount(2)
          .verifyComplete(); // take() cancels upstream after two
      for (Thread t : threads(prefix)) {
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(t.isAlive(), t.getName() + " still running after cancel");
      }
      // Subscribing again starts a new thread, and ending it leaves none behind.
      StepVerifier.create(log.follow(2)).expectNextCount(1).thenCancel().verify(TIMEOUT);
      for (Thread t : threads(prefix)) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
      assertEquals(Set.of(), threads(prefix));
    }
  }

  @Test
  void anOffsetBeyondTheEndIsAnError(TestInfo info) throws Exception {
    try (EventLog log = logWith(info, Records.first(3))) {
      StepVerifier.create(log.follow(50))
          .expectError(OffsetOutOfRangeException.class)
          .verify(TIMEOUT);
    }
  }

  @Test
  void closingTheLogEndsLiveFollowersWithAnError(TestInfo info) throws Exception {
    EventLog log = logWith(info, Records.first(1));
    StepVerifier.create(log.follow(0))
        .expectNextCount(1)
        .then(log::close)
        .expectErrorMessage("event log closed")
        .verify(TIMEOUT);
  }

  @Test
  void nonPositiveRequestIsAnError(TestInfo info) throws Exception {
    try (EventLog log = logWith(info, Records.first(1))) {
      StepVerifier.create(log.follow(0), 0)
          .consumeSubscriptionWith(s -> s.request(0))
          .expectError(IllegalArgumentException.class)
          .verify(TIMEOUT);
    }
  }

  private static Set<Thread> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .collect(Collectors.toSet());
  }
}
