package io.logplane.node.internal.runtime;

import java.util.List;

/**
 * Where a node finds the image a container names: in its store, or pulled into it first, as
 * the container's {@code imagePullPolicy} says. The node's store implements it; tests give a
 * fixed root file system.
 */
public interface ImageSource {

  /** Credentials for one registry, from an {@code imagePullSecrets} entry's docker config. */
  record RegistryAuth(String registry, String username, String password) {}

  /**
   * The image {@code reference} names (as the pod spec writes it: {@code busybox},
   * {@code registry:5000/app:v1}, {@code name@sha256:...}), unpacked and ready to run.
   *
   * @param pullPolicy {@code Always}, {@code IfNotPresent} or {@code Never}, already defaulted
   * @throws ImageUnavailable when it is not present and cannot or must not be pulled
   */
  Image resolve(String reference, String pullPolicy, List<RegistryAuth> auths) throws ImageUnavailable;

  /**
   * As {@link #resolve(String, String, List)}, running {@code pulling} just before the image is
   * fetched from its registry (not when the store's copy is used, nor when the reference does
   * not parse), where the kubelet records its {@code Pulling} Event.
   */
  default Image resolve(String reference, String pullPolicy, List<RegistryAuth> auths,
      Runnable pulling) throws ImageUnavailable {
    return resolve(reference, pullPolicy, auths);
  }

  /**
   * Why an image could not be had, with the reason the kubelet reports in the container's
   * waiting state ({@code ErrImagePull}, {@code ErrImageNeverPull}, {@code InvalidImageName})
   * and its message.
   */
  final class ImageUnavailable extends Exception {

    private final String reason;

    public ImageUnavailable(String reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }
}
