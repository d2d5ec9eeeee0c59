package io.logplane.api.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The seats and queues of one priority level: thread-safe and never blocking. A request is seated
 * at once while a seat is free; otherwise, with {@code limitResponse.type} Queue, it waits in one
 * of the level's queues (shuffle sharding as kube's: the flow's hash deals a hand of {@code
 * handSize} queues out of {@code queues}, and the request joins the shortest of them), and is
 * rejected when that queue already holds {@code queueLengthLimit} requests; with type Reject it is
 * rejected at once. A freed seat goes to the head of the next non-empty queue in round-robin
 * order: kube dispatches by virtual finish times, which for requests of one seat and like
 * durations amounts to this round robin, so flows in different queues take turns. A request that
 * waits longer than the maximum wait is rejected (kube bounds the wait by a quarter of the request
 * deadline, 15 s by default). Each request occupies one seat (kube's work estimator, which gives
 * some LIST requests several seats, is not applied). Outcomes come through {@link Callbacks},
 * called outside this object's lock: on the admitting thread before {@link #admit} returns when
 * decided at once, later on the thread that frees a seat or on the timer's.
 */
public final class FairQueues {

  /** The default longest wait in a queue. */
  public static final long DEFAULT_MAX_WAIT_MILLIS = 15_000;

  /** Time as this class needs it: one-shot timers that can be cancelled. */
  public interface Timers {
    /** Runs the task after the delay; the returned runnable cancels it (a no-op once run). */
    Runnable schedule(long delayMillis, Runnable task);

    /** Timers of a Vert.x instance. */
    static Timers of(Vertx vertx) {
      return (delay, task) -> {
        long id = vertx.setTimer(Math.max(1, delay), t -> task.run());
        return () -> vertx.cancelTimer(id);
      };
    }
  }

  /** How the outcome of an admission is told; exactly one of the methods is called, once. */
  public interface Callbacks {
    /** The request holds a seat: it may run, and must {@link Ticket#release()} when done. */
    void seated();

    /** The request is turned away (HTTP 429). */
    void rejected(Reason reason);
  }

  /** Why a request was turned away. */
  public enum Reason {
    QUEUE_FULL("queue full"), TIME_OUT("time out"), CONCURRENCY_LIMIT("concurrency limit");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** The reason in words, for messages: "queue full", "time out", "concurrency limit". */
    public String text() {
      return text;
    }
  }

  private enum State { WAITING, SEATED, DONE }

  /** One admitted request's place: waiting, seated or done. */
  public final class Ticket {
    private final Callbacks callbacks;
    private State state;
    private int queue = -1;
    private Runnable cancelTimer;

    private Ticket(Callbacks callbacks, State state) {
      this.callbacks = callbacks;
      this.state = state;
    }

    /**
     * Gives the seat back, letting the next queued request in; a waiting request leaves its queue
     * without any callback. Idempotent, and a no-op for a rejected request.
     */
    public void release() {
      FairQueues.this.release(this);
    }

    /** Whether the request holds a seat now. */
    public boolean seated() {
      synchronized (FairQueues.this) {
        return state == State.SEATED;
      }
    }

    /** Whether the request waits in a queue now. */
    public boolean waiting() {
      synchronized (FairQueues.this) {
        return state == State.WAITING;
      }
    }
  }

  private final String level;
  private final int concurrencyLimit;
  private final int handSize;
  private final int queueLengthLimit;
  private final long maxWaitMillis;
  private final Timers timers;
  private final List<ArrayDeque<Ticket>> queues = new ArrayList<>();
  private int executing;
  private int waiting;
  private int robin = -1;
  private long enqueues;

  /**
   * The seats and queues of the named level: {@code queues} 0 rejects whatever finds no free seat;
   * a limit below 1 counts as 1 (kube lets a request in when none runs); a maximum wait of 0 or
   * less lets requests wait until a seat frees.
   */
  public FairQueues(String level, int concurrencyLimit, int queues, int handSize, int queueLengthLimit,
      long maxWaitMillis, Timers timers) {
    this.level = level;
    this.concurrencyLimit = Math.max(1, concurrencyLimit);
    for (int i = 0; i < queues; i++) {
      this.queues.add(new ArrayDeque<>());
    }
    this.handSize = Math.max(1, Math.min(handSize, queues));
    this.queueLengthLimit = Math.max(0, queueLengthLimit);
    this.maxWaitMillis = maxWaitMillis;
    this.timers = timers;
  }

  /** The seats and queues of a level as its spec asks; an exempt level seats everything at once. */
  public static FairQueues of(PriorityLevels.Level level, long maxWaitMillis, Timers timers) {
    if (level.exempt()) {
      return new FairQueues(level.name(), PriorityLevels.UNLIMITED, 0, 0, 0, maxWaitMillis, timers);
    }
    JsonNode response = level.spec().path("limited").path("limitResponse");
    if (!"Queue".equals(response.path("type").asText(""))) {
      return new FairQueues(level.name(), level.concurrencyLimit(), 0, 0, 0, maxWaitMillis, timers);
    }
    JsonNode queuing = response.path("queuing");
    return new FairQueues(level.name(), level.concurrencyLimit(), queuing.path("queues").asInt(64),
        queuing.path("handSize").asInt(8), queuing.path("queueLengthLimit").asInt(50), maxWaitMillis, timers);
  }

  /**
   * Seats, queues or rejects a request of the given flow, telling the outcome through the
   * callbacks (at once unless queued). The flow is the identity that is hashed for shuffle
   * sharding; {@link FlowControl} passes the schema name, a NUL and the flow distinguisher, which
   * hashes as kube's flow id does. The ticket releases the seat, or withdraws a waiting request.
   */
  public Ticket admit(String flow, Callbacks callbacks) {
    Ticket ticket;
    Reason reason = null;
    synchronized (this) {
      if (waiting == 0 && executing < concurrencyLimit) {
        ticket = new Ticket(callbacks, State.SEATED);
        executing++;
      } else if (queues.isEmpty()) {
        ticket = new Ticket(callbacks, State.DONE);
        reason = Reason.CONCURRENCY_LIMIT;
      } else {
        int chosen = choose(flow);
        if (queues.get(chosen).size() >= queueLengthLimit) {
          ticket = new Ticket(callbacks, State.DONE);
          reason = Reason.QUEUE_FULL;
        } else {
          ticket = new Ticket(callbacks, State.WAITING);
          ticket.queue = chosen;
          queues.get(chosen).addLast(ticket);
          waiting++;
        }
      }
    }
    if (reason != null) {
      callbacks.rejected(reason);
    } else if (ticket.queue < 0) {
      callbacks.seated();
    } else if (maxWaitMillis > 0) {
      arm(ticket);
    }
    return ticket;
  }

  /** The number of requests holding a seat. */
  public synchronized int executing() {
    return executing;
  }

  /** The number of requests waiting in the queues. */
  public synchronized int waiting() {
    return waiting;
  }

  /** Whether no request holds a seat or waits. */
  public synchronized boolean idle() {
    return executing == 0 && waiting == 0;
  }

  /** The level's name. */
  public String level() {
    return level;
  }

  /** The number of seats ({@link PriorityLevels#UNLIMITED} for an exempt level). */
  public int concurrencyLimit() {
    return concurrencyLimit;
  }

  /** Whether the other has the same seats and queues, so that it may serve in this one's place. */
  boolean sameShape(FairQueues other) {
    return concurrencyLimit == other.concurrencyLimit && queues.size() == other.queues.size()
        && handSize == other.handSize && queueLengthLimit == other.queueLengthLimit
        && maxWaitMillis == other.maxWaitMillis;
  }

  private void arm(Ticket ticket) {
    Runnable cancel = timers.schedule(maxWaitMillis, () -> timeout(ticket));
    boolean stale;
    synchronized (this) {
      stale = ticket.state != State.WAITING;
      if (!stale) {
        ticket.cancelTimer = cancel;
      }
    }
    if (stale) {
      cancel.run();
    }
  }

  private void timeout(Ticket ticket) {
    synchronized (this) {
      if (ticket.state != State.WAITING) {
        return;
      }
      queues.get(ticket.queue).remove(ticket);
      waiting--;
      ticket.state = State.DONE;
      ticket.cancelTimer = null;
    }
    ticket.callbacks.rejected(Reason.TIME_OUT);
  }

  private void release(Ticket ticket) {
    List<Ticket> seated = new ArrayList<>();
    List<Runnable> cancels = new ArrayList<>();
    synchronized (this) {
      if (ticket.state == State.SEATED) {
        executing--;
        ticket.state = State.DONE;
        dispatch(seated, cancels);
      } else if (ticket.state == State.WAITING) {
        queues.get(ticket.queue).remove(ticket);
        waiting--;
        ticket.state = State.DONE;
        if (ticket.cancelTimer != null) {
          cancels.add(ticket.cancelTimer);
          ticket.cancelTimer = null;
        }
      } else {
        return;
      }
    }
    cancels.forEach(Runnable::run);
    RuntimeException failure = null;
    for (Ticket t : seated) {
      try {
        t.callbacks.seated();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Seats queued requests while seats are free, taking the non-empty queues in turn. */
  private void dispatch(List<Ticket> seated, List<Runnable> cancels) {
    int n = queues.size();
    while (waiting > 0 && executing < concurrencyLimit) {
      for (int i = 1; i <= n; i++) {
        int q = Math.floorMod(robin + i, n);
        if (!queues.get(q).isEmpty()) {
          robin = q;
          break;
        }
      }
      Ticket next = queues.get(robin).pollFirst();
      waiting--;
      executing++;
      next.state = State.SEATED;
      seated.add(next);
      if (next.cancelTimer != null) {
        cancels.add(next.cancelTimer);
        next.cancelTimer = null;
      }
    }
  }

  /** The shortest queue of the flow's hand, visiting the hand from a rotating offset as kube does. */
  private int choose(String flow) {
    if (queues.size() == 1) {
      return 0;
    }
    int[] hand = deal(hash(flow), queues.size(), handSize);
    int offset = (int) (enqueues++ % hand.length);
    int best = -1;
    int shortest = Integer.MAX_VALUE;
    for (int i = 0; i < hand.length; i++) {
      int q = hand[(offset + i) % hand.length];
      if (queues.get(q).size() < shortest) {
        shortest = queues.get(q).size();
        best = q;
      }
    }
    return best;
  }

  /** The flow's hash: the first 8 bytes of its SHA-256, little-endian, as kube's hashFlowID. */
  static long hash(String flow) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(flow.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 7; i >= 0; i--) {
        h = (h << 8) | (digest[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Shuffle sharding as kube's Dealer: the hash, read as an unsigned number in mixed radix (deck,
   * deck - 1, …), picks {@code hand} distinct cards of {@code deck}.
   */
  static int[] deal(long hash, int deck, int hand) {
    int[] remainders = new int[hand];
    long value = hash;
    for (int i = 0; i < hand; i++) {
      long next = Long.divideUnsigned(value, deck - i);
      remainders[i] = (int) (value - (deck - i) * next);
      value = next;
    }
    int[] cards = new int[hand];
    for (int i = 0; i < hand; i++) {
      int card = remainders[i];
      for (int j = i; j > 0; j--) {
        if (card >= remainders[j - 1]) {
          card++;
        }
      }
      cards[i] = card;
    }
    return cards;
  }
}
