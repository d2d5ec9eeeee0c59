package io.logplane.node.internal.images;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference normalised as docker and the kubelet do: {@code busybox} is
 * {@code docker.io/library/busybox:latest}, {@code host:5000/app} is {@code host:5000/app:latest},
 * and a digest ({@code name@sha256:...}) names the image without a tag.
 *
 * @param domain     the registry, {@code docker.io} by default
 * @param path       the repository inside it, {@code library/} prefixed on docker.io's short names
 * @param tag        empty when {@code digest} is given
 * @param digest     {@code sha256:} and 64 hex digits, or empty
 */
public record ImageRef(String domain, String path, String tag, String digest) {

  private static final String DEFAULT_DOMAIN = "docker.io";
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?");
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern NAME_TAIL = Pattern.compile("^(.*?)(?::([^:/]*))?$");

  /** A reference that does not parse, with docker's reason ({@code invalid reference format}). */
  public static final class InvalidReference extends Exception {
    InvalidReference(String reference, String reason) {
      super("couldn't parse image reference \"" + reference + "\": " + reason);
    }
  }

  /** Parses and normalises {@code reference} as the pod spec or a command line writes it. */
  public static ImageRef parse(String reference) throws InvalidReference {
    if (reference.isEmpty() || !reference.strip().equals(reference)) {
      throw new InvalidReference(reference, "invalid reference format");
    }
    if (reference.matches("[a-f0-9]{64}")) {
      throw new InvalidReference(reference,
          "invalid repository name (64 hex characters), cannot specify 64-byte hexadecimal strings");
    }
    String rest = reference;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new InvalidReference(reference, "invalid reference format");
      }
    }
    Matcher m = NAME_TAIL.matcher(rest);
    m.matches();
    String name = m.group(1);
    String tag = m.group(2) == null ? "" : m.group(2);
    if (m.group(2) != null && !TAG.matcher(tag).matches()) {
      throw new InvalidReference(reference, "invalid reference format");
    }
    String domain = DEFAULT_DOMAIN;
    String path = name;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.toLowerCase().equals(first)) {
        domain = first;
        path = name.substring(slash + 1);
      }
    }
    if (!DOMAIN.matcher(domain).matches()) {
      throw new InvalidReference(reference, "invalid reference format");
    }
    if (!path.toLowerCase().equals(path)) {
      throw new InvalidReference(reference, "repository name must be lowercase");
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw new InvalidReference(reference, "invalid reference format");
      }
    }
    if (domain.equals("index.docker.io")) {
      domain = DEFAULT_DOMAIN;
    }
    if (domain.equals(DEFAULT_DOMAIN) && !path.contains("/")) {
      path = "library/" + path;
    }
    if ((domain + "/" + path).length() > 255) {
      throw new InvalidReference(reference, "repository name must not be more than 255 characters");
    }
    if (!digest.isEmpty()) {
      tag = "";
    } else if (tag.isEmpty()) {
      tag = "latest";
    }
    return new ImageRef(domain, path, tag, digest);
  }

  /** {@code domain/path}: the repository, without tag or digest. */
  public String repository() {
    return domain + "/" + path;
  }

  /** The same repository at {@code digest}. */
  public ImageRef withDigest(String newDigest) {
    return new ImageRef(domain, path, "", newDigest);
  }

  /** The tag or digest to ask the registry's manifest endpoint for. */
  public String manifestReference() {
    return digest.isEmpty() ? tag : digest;
  }

  /** The normalised form: {@code domain/path:tag} or {@code domain/path@digest}. */
  @Override
  public String toString() {
    return digest.isEmpty() ? repository() + ":" + tag : repository() + "@" + digest;
  }
}
