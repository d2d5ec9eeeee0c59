package io.logplane.api.patch;

/** STUB until the patch branch lands. */
public enum PatchType {
  JSON, MERGE, STRATEGIC, APPLY;

  public static PatchType fromContentType(String ct) {
    return null;
  }
}
