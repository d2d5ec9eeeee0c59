package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.internal.GoValues;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** Label and annotation maps as ObjectMeta validation checks them, wherever they appear. */
public final class Labels {

  /** The total size of an object's annotations (keys and values). */
  public static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private Labels() {}

  /** Each key a qualified name, each value a label value; errors at {@code path} itself. */
  public static void validate(JsonNode labels, String path, FieldErrors errors) {
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      Names.check(Names.isQualifiedName(e.getKey()), path, e.getKey(), errors);
      String v = e.getValue().asText();
      Names.check(Names.isLabelValue(v), path, v, errors);
    }
  }

  /** Keys qualified names (checked in lower case, as kube does), the whole at most 256 KiB. */
  public static void validateAnnotations(JsonNode annotations, String path, FieldErrors errors) {
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      Names.check(Names.isQualifiedName(e.getKey().toLowerCase(Locale.ROOT)), path, e.getKey(), errors);
      size += GoValues.bytes(e.getKey()) + GoValues.bytes(e.getValue().asText());
    }
    if (size > MAX_ANNOTATIONS_BYTES) {
      errors.tooLong(path, "", MAX_ANNOTATIONS_BYTES);
    }
  }
}
