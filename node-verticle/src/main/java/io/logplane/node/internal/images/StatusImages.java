package io.logplane.node.internal.images;

import io.logplane.node.internal.agent.NodeFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The images of a store as a Node's {@code status.images}, as the kubelet reports them: the
 * largest first, at most 50, each with up to 5 names, its digest references before its tags.
 */
public final class StatusImages {
  /** The kubelet's {@code nodeStatusMaxImages} default. */
  static final int MAX_IMAGES = 50;
  /** The kubelet's {@code MaxNamesPerImageInNodeStatus}. */
  static final int MAX_NAMES = 5;

  private StatusImages() {}

  public static List<NodeFacts.Image> of(List<ImageStore.Listed> images) {
    List<ImageStore.Listed> sorted = new ArrayList<>(images);
    sorted.sort(Comparator.comparingLong(ImageStore.Listed::size).reversed()
        .thenComparing(ImageStore.Listed::id));
    List<NodeFacts.Image> out = new ArrayList<>();
    for (ImageStore.Listed image : sorted.subList(0, Math.min(MAX_IMAGES, sorted.size()))) {
      List<String> names = new ArrayList<>(image.refs().stream().filter(r -> r.contains("@")).toList());
      names.addAll(image.refs().stream().filter(r -> !r.contains("@")).toList());
      out.add(new NodeFacts.Image(List.copyOf(names.subList(0, Math.min(MAX_NAMES, names.size()))),
          image.size()));
    }
    return out;
  }
}
