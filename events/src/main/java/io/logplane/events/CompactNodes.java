package io.logplane.events;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.IntStream;

/**
 * The node factory of every mapper that parses Kubernetes objects in the server (the log's
 * codec, the projection, the API's bodies): objects keep their fields in a {@link FieldMap},
 * and so do their deep copies and the objects added to them. The same trees as Jackson's
 * default, in less than half the memory: the informers of 5,000 nodes and 10,000 pods held
 * most of the server's live heap in LinkedHashMaps.
 *
 * <p>Short texts are shared too: most of a pod's values are the same in every pod (an image, a
 * pull policy, {@code default-scheduler}, a toleration's key, a managed field's manager), and a
 * held tree kept a node, a string and its bytes for each. A direct-mapped table of the last
 * text seen at each hash keeps the common ones; a unique name or uid only takes a slot until
 * the next one (a {@link TextNode} is immutable, so sharing it is safe, and the table's races
 * lose nothing but a hit).
 */
public final class CompactNodes extends JsonNodeFactory {

  private static final long serialVersionUID = 1L;

  /** Texts longer than this are not looked up: they are rarely repeated. */
  static final int SHARED_LENGTH = 64;

  private static final int SLOTS = 1 << 13;

  private static final IntNode[] INTS = IntStream.range(0, 1024).mapToObj(IntNode::new).toArray(IntNode[]::new);

  public static final CompactNodes INSTANCE = new CompactNodes();

  private final transient TextNode[] texts = new TextNode[SLOTS];

  private CompactNodes() {
    super(false);
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public TextNode textNode(String text) {
    if (text == null || text.isEmpty() || text.length() > SHARED_LENGTH) {
      return TextNode.valueOf(text);
    }
    int h = text.hashCode();
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    TextNode seen = texts[slot];
    if (seen != null && seen.textValue().equals(text)) {
      return seen;
    }
    TextNode made = new TextNode(text);
    texts[slot] = made;
    return made;
  }

  /**
   * Small numbers (a port, a grace period, a count) shared as texts are: Jackson's own
   * {@link IntNode} cache stops at 10, and a pod held some five numbers of its own.
   */
  @Override
  public NumericNode numberNode(int v) {
    return v >= 0 && v < INTS.length ? INTS[v] : IntNode.valueOf(v);
  }

  @Override
  public ObjectNode objectNode() {
    return new ObjectNode(this, new FieldMap<>());
  }
}
