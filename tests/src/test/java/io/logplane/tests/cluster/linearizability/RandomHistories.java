package io.logplane.tests.cluster.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Makes valid histories of any size from a seed: clients run GET-then-PUT loops, creates and
 * deletes against an {@link AtomicRegisterServer} on a simulated clock, each request taking effect
 * at a random instant between its call and its return, so the histories interleave like real ones
 * and are linearizable by construction. A seed gives the same history every run (no threads, no
 * real time), so a failure is reproducible.
 *
 * <p>With {@code unknownRate} some requests get no answer: the client gives up on them, and they
 * take effect, or not, possibly after the client gave up (a request stuck in a server), but within
 * 200 ticks of their call.
 */
final class RandomHistories {

  private static final int START = 0;
  private static final int APPLY = 1;
  private static final int RETURN = 2;

  private final Random random;
  private final int keys;
  private final double unknownRate;
  private final AtomicRegisterServer server = new AtomicRegisterServer();
  private final PriorityQueue<Event> events = new PriorityQueue<>(
      Comparator.comparingLong(Event::time).thenComparingLong(Event::sequence));
  private final List<Operation> history = new ArrayList<>();
  private long sequence;
  private int values;

  /** A step of the simulation; an APPLY carries its request, which may outlive the client's wait for it. */
  private record Event(long time, long sequence, int kind, int client, String key, Input input) {}

  /** What one client is doing and has seen. */
  private static final class Client {
    final String name;
    final Map<String, String> lastRv = new HashMap<>();
    String readKey;
    String key;
    Input input;
    long call;
    boolean unanswered;
    Output output;

    Client(String name) {
      this.name = name;
    }
  }

  private RandomHistories(long seed, int keys, double unknownRate) {
    this.random = new Random(seed);
    this.keys = keys;
    this.unknownRate = unknownRate;
  }

  /**
   * A linearizable history of {@code operations} operations by {@code clients} concurrent
   * clients on {@code keys} objects named {@code configmaps/default/k0...}.
   */
  static List<Operation> generate(long seed, int operations, int keys, int clients, double unknownRate) {
    return new RandomHistories(seed, keys, unknownRate).run(operations, clients);
  }

  private List<Operation> run(int operations, int clientCount) {
    Client[] clients = new Client[clientCount];
    for (int c = 0; c < clientCount; c++) {
      clients[c] = new Client("c" + c);
      schedule(random.nextInt(10), START, c, null, null);
    }
    int started = 0;
    while (!events.isEmpty()) {
      Event e = events.poll();
      Client c = clients[e.client()];
      if (e.kind() == START) {
        if (started++ < operations) {
          start(c, e.client(), e.time());
        }
      } else if (e.kind() == APPLY) {
        Output answer = server.handle(e.key(), e.input());
        if (e.input() == c.input && !c.unanswered) { // not a request the client gave up on before this one
          c.output = answer;
        }
      } else {
        finish(c, e.time());
        schedule(e.time() + random.nextInt(20), START, e.client(), null, null);
      }
    }
    return history;
  }

  private void start(Client c, int index, long now) {
    c.key = c.readKey != null ? c.readKey : "configmaps/default/k" + random.nextInt(keys);
    c.input = input(c);
    c.call = now;
    c.unanswered = random.nextDouble() < unknownRate;
    long apply = now + 1 + random.nextInt(c.unanswered ? 200 : 50);
    if (!c.unanswered || random.nextBoolean()) {
      schedule(apply, APPLY, index, c.key, c.input);
    }
    schedule(c.unanswered ? now + 1 + random.nextInt(100) : apply + random.nextInt(50), RETURN, index, null, null);
  }

  private Input input(Client c) {
    String value = "v" + values++;
    String rv = c.lastRv.getOrDefault(c.key, "0");
    if (c.readKey != null) {
      c.readKey = null;
      return random.nextInt(10) < 8 ? Input.updateIf(value, rv) : Input.deleteIf(rv);
    }
    int r = random.nextInt(100);
    if (r < 45) {
      return Input.get();
    } else if (r < 60) {
      return Input.create(value);
    } else if (r < 75) {
      return Input.updateIf(value, rv);
    } else if (r < 82) {
      return Input.update(value);
    } else if (r < 92) {
      return Input.deleteIf(rv);
    }
    return Input.delete();
  }

  private void finish(Client c, long now) {
    if (c.unanswered) {
      history.add(Operation.unknown(c.name, c.key, c.call, c.input));
      return;
    }
    history.add(Operation.of(c.name, c.key, c.call, now, c.input, c.output));
    if (c.output instanceof Output.Found) {
      c.lastRv.put(c.key, ((Output.Found) c.output).rv());
      c.readKey = random.nextInt(10) < 7 ? c.key : null;
    } else if (c.output instanceof Output.Written) {
      c.lastRv.put(c.key, ((Output.Written) c.output).rv());
    }
    c.output = null;
  }

  private void schedule(long time, int kind, int client, String key, Input input) {
    events.add(new Event(time, sequence++, kind, client, key, input));
  }
}
