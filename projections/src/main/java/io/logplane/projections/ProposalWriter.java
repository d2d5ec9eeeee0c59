package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ObjectWriter} over {@link Proposals}: each write is one command appended by the
 * same path as the API's, attributed to one actor (a component's user name), timed by a clock.
 */
public final class ProposalWriter implements ObjectWriter {

  private final Proposals proposals;
  private final String actor;
  private final Clock clock;

  public ProposalWriter(Proposals proposals, String actor, Clock clock) {
    this.proposals = proposals;
    this.actor = actor;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    Command.Meta meta = meta("create", null);
    ObjectNode m = Metadata.of(object);
    m.remove("resourceVersion");
    m.put("uid", UUID.randomUUID().toString());
    m.put("creationTimestamp", Metadata.time(meta.timeMillis()));
    return write(new Command.Create(meta, key.toString(), object));
  }

  @Override
  public CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    return write(new Command.Update(meta("update", null), key.toString(), Metadata.resourceVersion(object), "",
        object));
  }

  @Override
  public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    // a binding is a create of the subresource, as the API records it
    String verb = "binding".equals(subresource) ? "create" : "update";
    return write(new Command.Update(meta(verb, subresource), key.toString(), Metadata.resourceVersion(object),
        subresource, object));
  }

  @Override
  public CompletableFuture<ObjectNode> scale(Key key, ObjectNode object) {
    return write(new Command.Update(meta("update", "scale"), key.toString(), Metadata.resourceVersion(object), "",
        object));
  }

  @Override
  public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
    return write(new Command.Delete(meta("delete", null), key.toString(), 0, uid, propagation));
  }

  private Command.Meta meta(String verb, String subresource) {
    return new Command.Meta(actor, UUID.randomUUID().toString(), clock.millis(), verb, subresource);
  }

  private CompletableFuture<ObjectNode> write(Command command) {
    return proposals.propose(command).thenApply(applied -> {
      if (applied.outcome() instanceof Outcome.Rejected r) {
        throw new WriteRefused(r.reason(), r.message());
      }
      return applied.resultJson() != null ? Json.object(applied.resultJson())
          : ((Outcome.Accepted) applied.outcome()).result();
    });
  }
}
