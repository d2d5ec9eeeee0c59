package io.logplane.tests.cluster.linearizability;

/**
 * What a client saw come back for one {@link Input}: the successes carry what the server chose
 * (the new resourceVersion, or the value and resourceVersion read), the expected failures are the
 * typed ones of the Kubernetes API (404, 409), and {@link Unknown} stands for no answer at all.
 */
public sealed interface Output {

  /** A create or update took effect; the server gave the object resourceVersion {@code rv}. */
  record Written(String rv) implements Output {
    public Written {
      Operation.requireWord(rv, "rv");
    }

    @Override
    public String toString() {
      return "ok " + rv;
    }
  }

  /** A GET found the object holding {@code value} at resourceVersion {@code rv}. */
  record Found(String value, String rv) implements Output {
    public Found {
      Operation.requireWord(value, "value");
      Operation.requireWord(rv, "rv");
    }

    @Override
    public String toString() {
      return "found " + value + " " + rv;
    }
  }

  /** A delete took effect. */
  record Deleted() implements Output {
    @Override
    public String toString() {
      return "ok";
    }
  }

  /** 404: there was no such object. */
  record NotFound() implements Output {
    @Override
    public String toString() {
      return "notfound";
    }
  }

  /** 409 Conflict: the resourceVersion precondition did not hold; nothing changed. */
  record Conflict() implements Output {
    @Override
    public String toString() {
      return "conflict";
    }
  }

  /** 409 AlreadyExists: a create found the object there; nothing changed. */
  record AlreadyExists() implements Output {
    @Override
    public String toString() {
      return "exists";
    }
  }

  /**
   * No answer (a timeout, a reset connection, a 5xx): the request may or may not have taken
   * effect, at any time after it was sent.
   */
  record Unknown() implements Output {
    @Override
    public String toString() {
      return "?";
    }
  }

  static Output written(String rv) {
    return new Written(rv);
  }

  static Output found(String value, String rv) {
    return new Found(value, rv);
  }

  static Output deleted() {
    return new Deleted();
  }

  static Output notFound() {
    return new NotFound();
  }

  static Output conflict() {
    return new Conflict();
  }

  static Output alreadyExists() {
    return new AlreadyExists();
  }

  static Output unknown() {
    return new Unknown();
  }

  /** Whether this is a 2xx answer ({@link Written}, {@link Found}, {@link Deleted}). */
  default boolean success() {
    return this instanceof Written || this instanceof Found || this instanceof Deleted;
  }

  /**
   * Whether a server could answer {@code input} with this at all, whatever the object's state: a
   * GET is never answered with a Conflict, a create never with NotFound. A pair outside this is a
   * mistake of the test that recorded it, not an anomaly of the server.
   */
  default boolean answers(Input input) {
    if (this instanceof Unknown) {
      return true;
    }
    if (input instanceof Input.Get) {
      return this instanceof Found || this instanceof NotFound;
    }
    if (input instanceof Input.Create) {
      return this instanceof Written || this instanceof AlreadyExists;
    }
    if (input instanceof Input.Update) {
      return this instanceof Written || this instanceof Conflict || this instanceof NotFound;
    }
    return this instanceof Deleted || this instanceof Conflict || this instanceof NotFound;
  }
}
