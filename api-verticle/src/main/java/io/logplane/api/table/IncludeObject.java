package io.logplane.api.table;

/** What each row's {@code object} holds: the {@code includeObject} query parameter. */
public enum IncludeObject {
  /** {@code "object": null}. */
  NONE,
  /** A {@code PartialObjectMetadata} with the object's metadata; the default. */
  METADATA,
  /** The whole object. */
  OBJECT;

  /**
   * Parses the query parameter ({@code None}, {@code Metadata}, {@code Object}).
   *
   * @param value the parameter; null or empty means {@link #METADATA}
   * @throws TableException (400) for any other value
   */
  public static IncludeObject parse(String value) {
    if (value == null || value.isEmpty()) {
      return METADATA;
    }
    return switch (value) {
      case "None" -> NONE;
      case "Metadata" -> METADATA;
      case "Object" -> OBJECT;
      default -> throw new TableException(400, "includeObject: Unsupported value: \"" + value
          + "\": supported values: \"Metadata\", \"None\", \"Object\"");
    };
  }
}
