package io.logplane.tests.cluster.linearizability;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One Kubernetes object as the API behaves for it alone: a register that is absent or holds a
 * value at a resourceVersion, written by create, conditional or unconditional update and delete.
 * The search asks it whether an operation can take effect in a state and what state follows; it
 * is pure, so the search can try an operation in many states and back out of it.
 *
 * <p>ResourceVersions are chosen by the server: a write's answer carries the new one, which the
 * next state takes, and a GET must show the state's. They are compared for equality only, and
 * assumed unique as etcd's revisions are: a write that changes the object gives it one that no
 * other write got (a write that changes nothing may keep the old one).
 *
 * <p>A write of unknown outcome leaves the resourceVersion unknown ({@code rv == null}), and, by
 * that uniqueness, not one that an answered write created: the next GET showing its value fixes
 * it, and a precondition naming one of those fails. It is only ever applied as a change: had it
 * failed or changed nothing, the state would be the same, which the search covers by leaving it
 * out. (So record a distinct value per write, as a fault test does anyway to tell writes apart.)
 */
final class RegisterModel {

  static final String MISSING = "the object does not exist";
  static final String EXISTS = "the object exists";
  static final String OTHER_VALUE = "the object holds another value";
  static final String OTHER_RV = "the object is at another resourceVersion";
  static final String SAME_RV = "the object is at the expected resourceVersion, so the precondition held";
  static final String UNCONDITIONAL = "a request without a resourceVersion precondition cannot conflict";
  static final String FRESH_RV =
      "an unanswered write gave the object a new resourceVersion, not one an answered write got";

  /** ResourceVersions answered writes certainly created: none of them is an unanswered write's. */
  private final Set<String> answeredRvs;

  RegisterModel(Set<String> answeredRvs) {
    this.answeredRvs = Set.copyOf(answeredRvs);
  }

  /**
   * The model for one key's operations. An answered write's resourceVersion is certainly its own
   * if it was a create, or an update of a value no other operation writes; an update of a value
   * the object may already have held may have changed nothing and answered with the old one.
   */
  static RegisterModel of(Collection<Operation> ops) {
    Map<String, Integer> writers = new HashMap<>();
    for (Operation o : ops) {
      if (o.input() instanceof Input.Update) {
        writers.merge(((Input.Update) o.input()).value(), 1, Integer::sum);
      } else if (o.input() instanceof Input.Create) {
        writers.merge(((Input.Create) o.input()).value(), 1, Integer::sum);
      }
    }
    Set<String> rvs = new HashSet<>();
    for (Operation o : ops) {
      if (o.output() instanceof Output.Written && (o.input() instanceof Input.Create
          || writers.get(((Input.Update) o.input()).value()) == 1)) {
        rvs.add(((Output.Written) o.output()).rv());
      }
    }
    return new RegisterModel(rvs);
  }

  /**
   * The object's state between operations.
   *
   * @param present whether the object exists
   * @param value   its value, when present
   * @param rv      its resourceVersion, when present; null when it was written by an operation of
   *                unknown outcome and no GET has shown it since
   */
  record State(boolean present, String value, String rv) {

    /** No object; every key's history starts here. */
    static final State ABSENT = new State(false, null, null);

    static State present(String value, String rv) {
      return new State(true, value, rv);
    }

    @Override
    public String toString() {
      return !present ? "absent" : value + "@" + (rv == null ? "?" : rv);
    }
  }

  /** The state after {@code op} took effect in {@code s}, or null if it cannot have taken effect there. */
  State step(State s, Operation op) {
    Object next = apply(s, op.input(), op.output());
    return next instanceof State ? (State) next : null;
  }

  /** Why {@code op} cannot take effect in {@code s}, or null if it can. */
  String why(State s, Operation op) {
    Object next = apply(s, op.input(), op.output());
    return next instanceof String ? (String) next : null;
  }

  /** The next state, or the reason (one of the constants, so a refusal costs nothing) there is none. */
  private Object apply(State s, Input in, Output out) {
    if (in instanceof Input.Get) {
      return get(s, out);
    }
    if (in instanceof Input.Create) {
      if (s.present()) {
        return out instanceof Output.AlreadyExists ? s : EXISTS;
      }
      if (out instanceof Output.AlreadyExists) {
        return MISSING;
      }
      return State.present(((Input.Create) in).value(), newRv(out));
    }
    if (!s.present()) {
      return out instanceof Output.NotFound ? s : MISSING;
    }
    if (out instanceof Output.NotFound) {
      return EXISTS;
    }
    String expected = in instanceof Input.Update ? ((Input.Update) in).expectedRv() : ((Input.Delete) in).expectedRv();
    if (out instanceof Output.Conflict) {
      boolean mayFail = expected != null && (s.rv() == null || !s.rv().equals(expected));
      return mayFail ? s : expected == null ? UNCONDITIONAL : SAME_RV;
    }
    if (expected != null && s.rv() != null && !s.rv().equals(expected)) {
      return OTHER_RV;
    }
    if (expected != null && s.rv() == null && answeredRvs.contains(expected)) {
      return FRESH_RV;
    }
    if (in instanceof Input.Delete) {
      return State.ABSENT;
    }
    return State.present(((Input.Update) in).value(), newRv(out));
  }

  private Object get(State s, Output out) {
    if (out instanceof Output.Unknown) {
      return s;
    }
    if (out instanceof Output.NotFound) {
      return s.present() ? EXISTS : s;
    }
    Output.Found found = (Output.Found) out;
    if (!s.present()) {
      return MISSING;
    }
    if (!s.value().equals(found.value())) {
      return OTHER_VALUE;
    }
    if (s.rv() == null) {
      return answeredRvs.contains(found.rv()) ? FRESH_RV : State.present(s.value(), found.rv());
    }
    return s.rv().equals(found.rv()) ? s : OTHER_RV;
  }

  /** The resourceVersion a successful write leaves: the one answered, or unknown (null) with no answer. */
  private static String newRv(Output out) {
    return out instanceof Output.Written ? ((Output.Written) out).rv() : null;
  }
}
