package io.logplane.tests.cluster.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Collects the history that {@link LinearizabilityChecker} checks, from many client threads at
 * once. Each operation is timed by one monotonic clock: the call just before the request is sent,
 * the return just after its answer is read, so the operation's real duration lies inside.
 *
 * <p>Two ways to record, for a GET-then-PUT loop against the HTTP API:
 *
 * <pre>{@code
 * HistoryRecorder.Pending get = history.start("c1", key, Input.get());
 * Response r = api.get(path);                        // on IOException: get.unknown()
 * get.http(r.code(), value(r), rv(r));               // 200 found, 404 notFound, 5xx unknown
 * HistoryRecorder.Pending put = history.start("c1", key, Input.updateIf(next, rv(r)));
 * ...
 * }</pre>
 *
 * or, without a handle, {@code long t = history.call();} then {@code history.ok(client, key, t,
 * input, output)}, {@code fail(...)} or {@code unknown(...)}.
 *
 * <p>{@link #operations()} counts an operation started and not yet completed as one of unknown
 * outcome: a request still in flight may yet take effect, so leaving it out could make a correct
 * history fail.
 */
public final class HistoryRecorder {

  private final LongSupplier clock;
  private final List<Operation> completed = new ArrayList<>();
  private final Set<Pending> inFlight = new LinkedHashSet<>();

  /** A recorder on System.nanoTime. */
  public HistoryRecorder() {
    this(System::nanoTime);
  }

  /** A recorder on {@code nanoClock}, which must never go back. */
  public HistoryRecorder(LongSupplier nanoClock) {
    this.clock = nanoClock;
  }

  /** The call time of an operation about to be sent. */
  public long call() {
    return clock.getAsLong();
  }

  /** Records a 2xx answer ({@link Output.Written}, {@link Output.Found}, {@link Output.Deleted}) read just now. */
  public void ok(String client, String key, long call, Input input, Output output) {
    if (!output.success()) {
      throw new IllegalArgumentException("ok with " + output + ", which is not a success");
    }
    add(Operation.of(client, key, call, clock.getAsLong(), input, output));
  }

  /**
   * Records a typed failure ({@link Output.NotFound}, {@link Output.Conflict},
   * {@link Output.AlreadyExists}) read just now.
   */
  public void fail(String client, String key, long call, Input input, Output output) {
    if (output.success() || output instanceof Output.Unknown) {
      throw new IllegalArgumentException("fail with " + output + ", which is not a typed failure");
    }
    add(Operation.of(client, key, call, clock.getAsLong(), input, output));
  }

  /** Records that the request got no answer: it may or may not have taken effect, at any point after {@code call}. */
  public void unknown(String client, String key, long call, Input input) {
    add(Operation.unknown(client, key, call, input));
  }

  /** Takes the call time of {@code input} and returns the handle that completes it. */
  public Pending start(String client, String key, Input input) {
    Pending p = new Pending(client, key, input, clock.getAsLong());
    synchronized (this) {
      inFlight.add(p);
    }
    return p;
  }

  /** Everything recorded so far, in call order, with operations still in flight as of unknown outcome. */
  public synchronized List<Operation> operations() {
    List<Operation> all = new ArrayList<>(completed);
    for (Pending p : inFlight) {
      all.add(Operation.unknown(p.client, p.key, p.call, p.input));
    }
    all.sort(Comparator.comparingLong(Operation::call).thenComparingLong(Operation::ret));
    return all;
  }

  private synchronized void add(Operation o) {
    completed.add(o);
  }

  private synchronized void complete(Pending p, Operation o) {
    if (!inFlight.remove(p)) {
      throw new IllegalStateException("completed twice: " + p.input + " by " + p.client + " on " + p.key);
    }
    completed.add(o);
  }

  /** One operation sent and not yet answered; complete it exactly once. */
  public final class Pending {
    private final String client;
    private final String key;
    private final Input input;
    private final long call;

    private Pending(String client, String key, Input input, long call) {
      this.client = client;
      this.key = key;
      this.input = input;
      this.call = call;
      Operation.unknown(client, key, call, input); // refuses a bad client or key now, not at completion
    }

    /** When the request was sent. */
    public long call() {
      return call;
    }

    /** The answer was a 2xx; see {@link HistoryRecorder#ok}. */
    public void ok(Output output) {
      if (!output.success()) {
        throw new IllegalArgumentException("ok with " + output + ", which is not a success");
      }
      complete(this, Operation.of(client, key, call, clock.getAsLong(), input, output));
    }

    /** The answer was a typed failure; see {@link HistoryRecorder#fail}. */
    public void fail(Output output) {
      if (output.success() || output instanceof Output.Unknown) {
        throw new IllegalArgumentException("fail with " + output + ", which is not a typed failure");
      }
      complete(this, Operation.of(client, key, call, clock.getAsLong(), input, output));
    }

    /** No answer (a timeout, a reset connection): it may or may not have taken effect. */
    public void unknown() {
      complete(this, Operation.unknown(client, key, call, input));
    }

    /**
     * Completes with what a Kubernetes API answered: 2xx is success (a GET found {@code value}
     * at {@code rv}; a create or update wrote {@code rv}; a delete deleted), 404 NotFound, 409
     * AlreadyExists for a create and Conflict otherwise, 429 and 5xx unknown (the request may have
     * been applied before the error). Any other status is a mistake of the test and is refused.
     * A DELETE answered 2xx must have removed the object (no finalizers).
     */
    public void http(int status, String value, String rv) {
      if (status >= 200 && status < 300) {
        ok(input instanceof Input.Get ? Output.found(value, rv)
            : input instanceof Input.Delete ? Output.deleted() : Output.written(rv));
      } else if (status == 404 && !(input instanceof Input.Create)) {
        fail(Output.notFound());
      } else if (status == 409 && !(input instanceof Input.Get)) {
        fail(input instanceof Input.Create ? Output.alreadyExists() : Output.conflict());
      } else if (status == 429 || (status >= 500 && status < 600)) {
        unknown();
      } else {
        throw new IllegalArgumentException("status " + status + " is no outcome of " + input + " on a register");
      }
    }
  }
}
