package io.logplane.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The node factory of every mapper that parses Kubernetes objects in the server (the log's
 * codec, the projection, the API's bodies): objects keep their fields in a {@link FieldMap},
 * and so do their deep copies and the objects added to them. The same trees as Jackson's
 * default, in less than half the memory: the informers of 5,000 nodes and 10,000 pods held
 * most of the server's live heap in LinkedHashMaps.
 */
public final class CompactNodes extends JsonNodeFactory {

  private static final long serialVersionUID = 1L;

  public static final CompactNodes INSTANCE = new CompactNodes();

  private CompactNodes() {
    super(false);
  }

  @Override
  public ObjectNode objectNode() {
    return new ObjectNode(this, new FieldMap<>());
  }
}
