package io.logplane.api.patch;

/** The four PATCH body kinds a kube-apiserver accepts, told apart by Content-Type. */
public enum PatchType {
  /** RFC 6902 operations ({@code application/json-patch+json}). */
  JSON("application/json-patch+json"),
  /** RFC 7386 merge patch ({@code application/merge-patch+json}). */
  MERGE("application/merge-patch+json"),
  /** Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}). */
  STRATEGIC("application/strategic-merge-patch+json"),
  /** Server-side apply ({@code application/apply-patch+yaml}); handled by {@link ServerSideApply}. */
  APPLY("application/apply-patch+yaml");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  /** The media type a client sends for this kind. */
  public String contentType() {
    return contentType;
  }

  /**
   * The patch kind of a Content-Type header value; parameters such as {@code ; charset=utf-8}
   * are ignored and the match is case-insensitive.
   *
   * @return the kind, or null when the media type is not a patch type (the caller answers 415)
   */
  public static PatchType fromContentType(String header) {
    if (header == null) {
      return null;
    }
    int semi = header.indexOf(';');
    String media = (semi < 0 ? header : header.substring(0, semi)).trim();
    for (PatchType t : values()) {
      if (t.contentType.equalsIgnoreCase(media)) {
        return t;
      }
    }
    return null;
  }
}
