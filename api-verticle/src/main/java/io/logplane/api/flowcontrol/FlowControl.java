package io.logplane.api.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API Priority and Fairness for the server: classifies each request by the current FlowSchemas
 * ({@link FlowSchemaMatcher}) and admits it through the seats and queues of its priority level
 * ({@link FairQueues}, limits from {@link PriorityLevels}); an exempt level seats at once. The
 * objects are replaced with {@link #update}; a level whose seats and queues keep their shape keeps
 * its {@link FairQueues} and its requests, a changed or removed one is replaced and drains: the
 * requests seated or waiting there release and dequeue there, and its counts stay in {@link
 * #executing} and {@link #waiting} until it is idle. Until objects are given, or if nothing
 * matches and there is no catch-all, requests are seated at once (fail open). Thread-safe.
 */
public final class FlowControl {

  /**
   * One request's admission: its ticket, and the schema and level that took it (names and uids,
   * "" when none; the uids go in the X-Kubernetes-PF-FlowSchema-UID and
   * X-Kubernetes-PF-PriorityLevel-UID response headers), its flow distinguisher, and whether the
   * level is exempt.
   */
  public record Admission(FairQueues.Ticket ticket, String flowSchema, String flowSchemaUid, String priorityLevel,
      String priorityLevelUid, String flowDistinguisher, boolean exempt) {

    /** Gives the seat back, or withdraws a waiting request; idempotent. */
    public void release() {
      if (ticket != null) {
        ticket.release();
      }
    }
  }

  private record Snapshot(FlowSchemaMatcher matcher, PriorityLevels levels, Map<String, FairQueues> queues) {}

  private final int serverConcurrencyLimit;
  private final long maxWaitMillis;
  private final FairQueues.Timers timers;
  private final List<FairQueues> draining = new ArrayList<>();
  private volatile Snapshot snapshot;

  /**
   * Flow control dividing the given server concurrency limit among the levels, rejecting requests
   * that wait longer than the given time, timed by the given timers.
   */
  public FlowControl(int serverConcurrencyLimit, long maxWaitMillis, FairQueues.Timers timers) {
    this.serverConcurrencyLimit = serverConcurrencyLimit;
    this.maxWaitMillis = maxWaitMillis;
    this.timers = timers;
    this.snapshot = new Snapshot(new FlowSchemaMatcher(List.of(), List.of()),
        new PriorityLevels(List.of(), serverConcurrencyLimit), Map.of());
  }

  /** Flow control with kube's defaults: 600 seats, 15 s of waiting at most. */
  public FlowControl(FairQueues.Timers timers) {
    this(PriorityLevels.DEFAULT_SERVER_CONCURRENCY_LIMIT, FairQueues.DEFAULT_MAX_WAIT_MILLIS, timers);
  }

  /** Takes the current FlowSchemas and PriorityLevelConfigurations (v1beta3 JSON, defaulted). */
  public synchronized void update(List<? extends JsonNode> flowSchemas, List<? extends JsonNode> levels) {
    Snapshot old = snapshot;
    PriorityLevels limits = new PriorityLevels(levels, serverConcurrencyLimit);
    Map<String, FairQueues> queues = new HashMap<>();
    for (PriorityLevels.Level level : limits.all()) {
      FairQueues fresh = FairQueues.of(level, maxWaitMillis, timers);
      FairQueues previous = old.queues().get(level.name());
      queues.put(level.name(), previous != null && previous.sameShape(fresh) ? previous : fresh);
    }
    for (FairQueues previous : old.queues().values()) {
      if (queues.get(previous.level()) != previous) {
        draining.add(previous);
      }
    }
    draining.removeIf(FairQueues::idle);
    snapshot = new Snapshot(new FlowSchemaMatcher(flowSchemas, levels), limits, Map.copyOf(queues));
  }

  /**
   * Classifies the request and seats, queues or rejects it, telling the outcome through the
   * callbacks: before this method returns when decided at once (always for an exempt level),
   * later when queued. Whatever the outcome, the caller releases the admission when the request
   * ends (the response is done or the client went away): this gives the seat back, or takes a
   * waiting request out of its queue; releasing a rejected admission does nothing.
   */
  public Admission admit(RequestDigest request, FairQueues.Callbacks callbacks) {
    Snapshot current = snapshot;
    FlowSchemaMatcher.Match match = current.matcher().match(request);
    FairQueues queues = match == null ? null : current.queues().get(match.priorityLevel());
    if (queues == null) {
      callbacks.seated();
      return new Admission(null, "", "", "", "", "", true);
    }
    PriorityLevels.Level level = current.levels().level(match.priorityLevel());
    FairQueues.Ticket ticket = queues.admit(match.flowSchema() + "\0" + match.flowDistinguisher(), callbacks);
    return new Admission(ticket, match.flowSchema(), match.flowSchemaUid(), match.priorityLevel(),
        match.priorityLevelUid(), match.flowDistinguisher(), level.exempt());
  }

  /** The classification alone, or null when nothing matches and there is no catch-all. */
  public FlowSchemaMatcher.Match classify(RequestDigest request) {
    return snapshot.matcher().match(request);
  }

  /** The requests of the named level holding a seat, counting those of its draining predecessors. */
  public synchronized int executing(String level) {
    draining.removeIf(FairQueues::idle);
    int n = 0;
    for (FairQueues queues : levelQueues(level)) {
      n += queues.executing();
    }
    return n;
  }

  /** The requests of the named level waiting in a queue, counting those of its draining predecessors. */
  public synchronized int waiting(String level) {
    draining.removeIf(FairQueues::idle);
    int n = 0;
    for (FairQueues queues : levelQueues(level)) {
      n += queues.waiting();
    }
    return n;
  }

  /** The names of the current priority levels. */
  public Set<String> levels() {
    return snapshot.queues().keySet();
  }

  /** The current levels' concurrency limits. */
  public PriorityLevels priorityLevels() {
    return snapshot.levels();
  }

  /** The current matcher, which also names the dangling schemas. */
  public FlowSchemaMatcher matcher() {
    return snapshot.matcher();
  }

  private List<FairQueues> levelQueues(String level) {
    List<FairQueues> out = new ArrayList<>();
    FairQueues current = snapshot.queues().get(level);
    if (current != null) {
      out.add(current);
    }
    for (FairQueues old : draining) {
      if (old.level().equals(level)) {
        out.add(old);
      }
    }
    return out;
  }
}
