package io.logplane.api.patch;

/** STUB until the patch branch lands. */
public class PatchException extends RuntimeException {
  public int code() {
    return 400;
  }
}
