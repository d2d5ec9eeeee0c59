package io.logplane.tests.cluster.linearizability;

/**
 * What a client asked of one object: the four verbs of the Kubernetes API that matter to a
 * register, each as the request carries it. One sealed type so the model and the text form of a
 * history can list every case.
 */
public sealed interface Input {

  /** POST of a new object holding {@code value}. */
  record Create(String value) implements Input {
    public Create {
      Operation.requireWord(value, "value");
    }

    @Override
    public String toString() {
      return "create " + value;
    }
  }

  /** GET of the object. */
  record Get() implements Input {
    @Override
    public String toString() {
      return "get";
    }
  }

  /**
   * PUT of {@code value}; with {@code expectedRv} set, only if the object is still at that
   * resourceVersion (optimistic concurrency), else unconditionally.
   */
  record Update(String value, String expectedRv) implements Input {
    public Update {
      Operation.requireWord(value, "value");
      if (expectedRv != null) {
        Operation.requireWord(expectedRv, "expectedRv");
      }
    }

    @Override
    public String toString() {
      return expectedRv == null ? "update " + value : "update " + value + " if " + expectedRv;
    }
  }

  /** DELETE; with {@code expectedRv} set, only if the object is at that resourceVersion. */
  record Delete(String expectedRv) implements Input {
    public Delete {
      if (expectedRv != null) {
        Operation.requireWord(expectedRv, "expectedRv");
      }
    }

    @Override
    public String toString() {
      return expectedRv == null ? "delete" : "delete if " + expectedRv;
    }
  }

  static Input create(String value) {
    return new Create(value);
  }

  static Input get() {
    return new Get();
  }

  /** An unconditional PUT. */
  static Input update(String value) {
    return new Update(value, null);
  }

  /** A PUT carrying the resourceVersion the client last read. */
  static Input updateIf(String value, String expectedRv) {
    return new Update(value, expectedRv);
  }

  static Input delete() {
    return new Delete(null);
  }

  /** A DELETE with a resourceVersion precondition. */
  static Input deleteIf(String expectedRv) {
    return new Delete(expectedRv);
  }

  /** Whether the request may change the object (a GET never does). */
  default boolean writes() {
    return !(this instanceof Get);
  }
}
