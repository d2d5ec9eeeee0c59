package io.logplane.api.validation.networking;

import java.util.List;

/** The package's name formats, for the name properties of the validation package. */
public final class FormatsAccess {

  private FormatsAccess() {}

  public static List<String> wildcard(String host) {
    return Formats.isWildcardDns1123Subdomain(host);
  }
}
