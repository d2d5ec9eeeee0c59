package io.logplane.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a service-account token says, as kube's {@code serviceaccount.Claims} writes it: the
 * account (namespace, name, uid), the audiences, the validity, and the object the token is bound
 * to, if any (a pod or a secret), whose deletion invalidates it.
 *
 * @param pod the bound pod, or null
 * @param secret the bound secret, or null
 */
public record ServiceAccountClaims(String namespace, String name, String uid, List<String> audiences,
    Instant issuedAt, Instant expiry, Ref pod, Ref secret) {

  /** The user name prefix of service accounts. */
  public static final String PREFIX = "system:serviceaccount:";

  public ServiceAccountClaims {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    uid = uid == null ? "" : uid;
    audiences = List.copyOf(audiences);
  }

  /** A bound object: its name and uid. */
  public record Ref(String name, String uid) {
    public Ref {
      Objects.requireNonNull(name, "name");
      uid = uid == null ? "" : uid;
    }
  }

  /** The token's subject and the account's user name: {@code system:serviceaccount:NS:NAME}. */
  public String subject() {
    return PREFIX + namespace + ":" + name;
  }
}
