package io.logplane.tests.cluster.linearizability;

import java.util.HashMap;
import java.util.Map;

/**
 * A Kubernetes API for register objects that is linearizable by construction: every request runs
 * under one lock, and resourceVersions come from one counter, as etcd's revision. The tests drive
 * it to make histories that must pass, and alter its answers to make ones that must fail.
 */
final class AtomicRegisterServer {

  private final Map<String, String[]> objects = new HashMap<>();
  private long revision;

  /** Applies {@code input} to the object {@code key} and answers as the API would. */
  synchronized Output handle(String key, Input input) {
    String[] current = objects.get(key);
    if (input instanceof Input.Get) {
      return current == null ? Output.notFound() : Output.found(current[0], current[1]);
    }
    if (input instanceof Input.Create) {
      if (current != null) {
        return Output.alreadyExists();
      }
      return write(key, ((Input.Create) input).value());
    }
    if (current == null) {
      return Output.notFound();
    }
    if (input instanceof Input.Update) {
      Input.Update u = (Input.Update) input;
      if (u.expectedRv() != null && !u.expectedRv().equals(current[1])) {
        return Output.conflict();
      }
      return write(key, u.value());
    }
    Input.Delete d = (Input.Delete) input;
    if (d.expectedRv() != null && !d.expectedRv().equals(current[1])) {
      return Output.conflict();
    }
    objects.remove(key);
    revision++;
    return Output.deleted();
  }

  private Output write(String key, String value) {
    String rv = Long.toString(++revision);
    objects.put(key, new String[] {value, rv});
    return Output.written(rv);
  }
}
