package io.logplane.kubeclient;

/** A kubeconfig that cannot be used: missing entries, unsupported auth, unreadable PEM. */
public final class KubeConfigException extends RuntimeException {
  public KubeConfigException(String message) {
    super(message);
  }

  public KubeConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
