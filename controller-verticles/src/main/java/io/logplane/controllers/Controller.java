package io.logplane.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a controller reconciles and what wakes it, as controller-runtime's builder says it: the
 * primary kind ({@code For}), the kinds it owns (a change to an object wakes its controlling
 * owner, {@code Owns}) and other kinds mapped to primary keys ({@code Watches}). Kinds are
 * storage key prefixes ({@code apps/replicasets/}); keys are storage keys.
 */
public final class Controller {

  /** A secondary kind and how one of its objects maps to the primary keys it concerns. */
  public record Watch(String prefix, Function<ObjectNode, Collection<String>> toKeys) {}

  private final String name;
  private final String primary;
  private final List<Watch> watches;
  private final int workers;
  private final Reconciler reconciler;

  private Controller(Builder b, Reconciler reconciler) {
    this.name = b.name;
    this.primary = Objects.requireNonNull(b.primary, "a controller reconciles a kind");
    this.watches = List.copyOf(b.watches);
    this.workers = b.workers;
    this.reconciler = reconciler;
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The key prefix of the kind reconciled. */
  public String primary() {
    return primary;
  }

  public List<Watch> watches() {
    return watches;
  }

  /** How many keys may be reconciled at once (never the same key twice). */
  public int workers() {
    return workers;
  }

  public Reconciler reconciler() {
    return reconciler;
  }

  /** Builds a controller declaration. */
  public static final class Builder {
    private final String name;
    private String primary;
    private final List<Watch> watches = new ArrayList<>();
    private int workers = 1;

    private Builder(String name) {
      this.name = name;
    }

    /** The primary kind: a change to one of its objects queues that object's key. */
    public Builder reconciles(String prefix) {
      this.primary = prefix;
      return this;
    }

    /**
     * A kind whose objects the primary kind controls: a change to one queues the key of its
     * controlling owner (the ownerReference with {@code controller: true}) of that kind.
     */
    public Builder owns(String prefix, String ownerKind) {
      watches.add(new Watch(prefix, o -> controllerKey(o, ownerKind)));
      return this;
    }

    /** Another kind, each object of which maps to the primary keys it concerns. */
    public Builder watches(String prefix, Function<ObjectNode, Collection<String>> toKeys) {
      watches.add(new Watch(prefix, toKeys));
      return this;
    }

    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    public Controller build(Reconciler reconciler) {
      return new Controller(this, reconciler);
    }

    private List<String> controllerKey(ObjectNode o, String ownerKind) {
      for (JsonNode ref : Metadata.ownerReferences(o)) {
        if (ref.path("controller").asBoolean(false) && ownerKind.equals(ref.path("kind").asText())) {
          return List.of(primary + Objects.toString(Metadata.text(o, "namespace"), "") + "/" + ref.path("name").asText());
        }
      }
      return List.of();
    }
  }
}
