package io.logplane.api.certificates;

import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.selectors.GoStrings;
import java.util.List;

/**
 * The well-known signer names of certificates.k8s.io/v1 and kube's {@code ValidateSignerName}: a
 * signer name is {@code <domain>/<path>}, the domain of at least two DNS labels (at most 253
 * bytes), the path of DNS subdomains separated by dots, the whole at most 571 bytes.
 */
public final class SignerNames {

  /** Client certificates the API server accepts (any subject, client auth usage). */
  public static final String KUBE_APISERVER_CLIENT = "kubernetes.io/kube-apiserver-client";
  /** Kubelet client certificates: {@code system:node:<name>} in group {@code system:nodes}. */
  public static final String KUBE_APISERVER_CLIENT_KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";
  /** Kubelet serving certificates, with the node's DNS or IP names. */
  public static final String KUBELET_SERVING = "kubernetes.io/kubelet-serving";
  /** The v1beta1 default, refused by certificates.k8s.io/v1 on create. */
  public static final String LEGACY_UNKNOWN = "kubernetes.io/legacy-unknown";

  private static final int MAX_DOMAIN = 253;
  private static final int MAX_NAME = MAX_DOMAIN + (253 + 63 + 1) + 1;

  private SignerNames() {}

  /** Adds to {@code errors} what kube's ValidateSignerName finds wrong with {@code name} at {@code path}. */
  public static void validate(String path, String name, FieldErrors errors) {
    if (name.isEmpty()) {
      errors.required(path, null);
      return;
    }
    String[] segments = name.split("/", -1);
    if (segments.length != 2) {
      errors.invalid(path, name, "must be a fully qualified domain and path of the form 'example.com/signer-name'");
      return;
    }
    String domain = segments[0];
    if (domain.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_DOMAIN) {
      errors.tooLong(path, domain, MAX_DOMAIN);
    }
    String[] domainLabels = domain.split("\\.", -1);
    labels(path, domain, domainLabels, false, errors);
    if (domainLabels.length < 2) {
      errors.invalid(path, domain, "should be a domain with at least two segments separated by dots");
    }
    labels(path, segments[1], segments[1].split("\\.", -1), true, errors);
    if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME) {
      errors.tooLong(path, name, MAX_NAME);
    }
  }

  /** The errors of the first bad label only: later ones would repeat them, as kube says. */
  private static void labels(String path, String segment, String[] labels, boolean subdomain, FieldErrors errors) {
    for (String label : labels) {
      List<String> errs = subdomain ? Names.isDns1123Subdomain(label) : Names.isDns1123Label(label);
      if (!errs.isEmpty()) {
        errs.forEach(e -> errors.invalid(path, segment, "validating label " + GoStrings.quote(label) + ": " + e));
        return;
      }
    }
  }
}
