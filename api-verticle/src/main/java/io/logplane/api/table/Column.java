package io.logplane.api.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One column definition of a Table.
 *
 * @param name        header text ({@code Name}, {@code Ready}...)
 * @param type        OpenAPI type of the cells: string, integer, number, boolean or date
 * @param format      {@code name} for the object-name column, otherwise usually empty
 * @param description what the column shows (kube uses the API field's documentation)
 * @param priority    0 for the default view, 1 for columns {@code kubectl -o wide} adds
 */
public record Column(String name, String type, String format, String description, int priority) {

  static final String NAME_DOC = Descriptions.get("meta/v1.ObjectMeta.name");
  static final String AGE_DOC = Descriptions.get("meta/v1.ObjectMeta.creationTimestamp");

  /** The object-name column every printer starts with. */
  static Column nameColumn() {
    return new Column("Name", "string", "name", NAME_DOC, 0);
  }

  /** The Age column (creation time as a human duration). */
  static Column ageColumn() {
    return new Column("Age", "string", "", AGE_DOC, 0);
  }

  /** A priority-0 column whose description is given as text. */
  static Column text(String name, String type, String description) {
    return new Column(name, type, "", description, 0);
  }

  /** A priority-0 column described by an API field's documentation (see {@link Descriptions}). */
  static Column doc(String name, String type, String docKey) {
    return new Column(name, type, "", Descriptions.get(docKey), 0);
  }

  /** This column with priority 1 (shown by {@code -o wide}). */
  Column wide() {
    return new Column(name, type, format, description, 1);
  }

  /** The column as JSON, fields in the order the kube-apiserver writes them. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("name", name);
    n.put("type", type);
    n.put("format", format);
    n.put("description", description);
    n.put("priority", priority);
    return n;
  }
}
