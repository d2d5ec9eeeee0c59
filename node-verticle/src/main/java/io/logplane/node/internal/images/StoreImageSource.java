package io.logplane.node.internal.images;

import io.logplane.node.internal.runtime.Image;
import io.logplane.node.internal.runtime.ImageSource;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's images from its store, pulled first as the container's {@code imagePullPolicy}
 * says: {@code Never} uses what is there; {@code IfNotPresent} pulls what is not;
 * {@code Always} asks the registry what the reference names now, and fetches only what the
 * store lacks. Credentials are tried as the kubelet tries its keyring's: each one for the
 * image's registry in turn until one pulls; anonymously when there is none. Failures carry
 * the kubelet's reasons and wording.
 */
public final class StoreImageSource implements ImageSource {

  private final ImageStore store;
  private final Puller puller;

  public StoreImageSource(ImageStore store) {
    this(store, RegistryClient.newHttpClient());
  }

  StoreImageSource(ImageStore store, HttpClient http) {
    this.store = store;
    this.puller = new Puller(store, http);
  }

  @Override
  public Image resolve(String reference, String pullPolicy, List<RegistryAuth> auths) throws ImageUnavailable {
    return resolve(reference, pullPolicy, auths, () -> { });
  }

  @Override
  public Image resolve(String reference, String pullPolicy, List<RegistryAuth> auths,
      Runnable pulling) throws ImageUnavailable {
    ImageRef ref;
    try {
      ref = ImageRef.parse(reference);
    } catch (ImageRef.InvalidReference e) {
      throw new ImageUnavailable("InvalidImageName",
          "Failed to apply default image tag \"" + reference + "\": " + e.getMessage(), e);
    }
    Optional<ImageStore.Stored> present;
    try {
      present = store.find(ref);
    } catch (IOException e) {
      throw new ImageUnavailable("ImageInspectError", "Failed to inspect image \"" + reference + "\": " + e.getMessage(), e);
    }
    if (present.isPresent() && !pullPolicy.equals("Always")) {
      return touched(ref, present.get());
    }
    if (pullPolicy.equals("Never")) {
      throw new ImageUnavailable("ErrImageNeverPull",
          "Container image \"" + reference + "\" is not present with pull policy of Never", null);
    }
    pulling.run();
    return pull(ref, auths);
  }

  private Image pull(ImageRef ref, List<RegistryAuth> auths) throws ImageUnavailable {
    List<RegistryAuth> tries = new ArrayList<>(auths.stream()
        .filter(a -> Registries.same(a.registry(), ref.domain())).toList());
    if (tries.isEmpty()) {
      tries.add(null);
    }
    IOException last = null;
    for (RegistryAuth auth : tries) {
      try {
        ImageStore.Stored stored = puller.pull(ref, auth);
        return image(ref, stored);
      } catch (IOException e) {
        last = e;
      }
    }
    throw new ImageUnavailable("ErrImagePull",
        "failed to pull and unpack image \"" + ref + "\": " + last.getMessage(), last);
  }

  private static Image image(ImageRef ref, ImageStore.Stored stored) {
    String id = stored.manifest() == null || stored.manifest().isEmpty() ? stored.id()
        : ref.repository() + "@" + stored.manifest();
    return new Image(stored.rootfs(), stored.config(), id);
  }

  private Image touched(ImageRef ref, ImageStore.Stored stored) throws ImageUnavailable {
    try {
      store.touch(stored.id());
    } catch (IOException e) {
      throw new ImageUnavailable("ImageInspectError", "Failed to inspect image \"" + stored.id() + "\": " + e.getMessage(), e);
    }
    return image(ref, stored);
  }
}
