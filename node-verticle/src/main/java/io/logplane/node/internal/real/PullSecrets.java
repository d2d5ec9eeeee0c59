package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ImageSource.RegistryAuth;
import java.util.List;

/**
 * The registry credentials a pod's {@code imagePullSecrets} name, read when its image is to be
 * had. Blocking: called in the pod's sync, off the event loop.
 */
@FunctionalInterface
public interface PullSecrets {

  /** None: images are pulled anonymously. */
  PullSecrets NONE = pod -> List.of();

  List<RegistryAuth> of(JsonNode pod);
}
