package io.logplane.api.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of {@code versions} items: {@code <resource>.<group|core>.<name>.<offset>}, e.g.
 * {@code deployments.apps.web.42} or {@code configmaps.core.settings.7}. Resources have no dots
 * and offsets are digits, but both groups and object names may contain dots, so a name can
 * split several ways; {@link #candidates} lists them all and the caller keeps the one whose
 * key has a version at that offset.
 */
public final class VersionName {

  /** One way to read a name. */
  public record Parts(String resource, String group, String name, long offset) {
    /** The storage key in namespace ({@code ""} for cluster-scoped objects). */
    public String key(String namespace) {
      return group + "/" + resource + "/" + namespace + "/" + name;
    }
  }

  private VersionName() {}

  /** The item name of the version at offset of an object; group is the storage group. */
  public static String of(String resource, String storageGroup, String name, long offset) {
    return resource + "." + storageGroup + "." + name + "." + offset;
  }

  /** Every reading of an item name, shortest group first; empty when it cannot be one. */
  public static List<Parts> candidates(String itemName) {
    List<Parts> out = new ArrayList<>();
    int first = itemName.indexOf('.');
    int last = itemName.lastIndexOf('.');
    if (first <= 0 || last <= first || last == itemName.length() - 1) {
      return out;
    }
    long offset;
    try {
      offset = Long.parseLong(itemName.substring(last + 1));
    } catch (NumberFormatException e) {
      return out;
    }
    if (offset < 0) {
      return out;
    }
    String resource = itemName.substring(0, first);
    String middle = itemName.substring(first + 1, last);
    for (int i = middle.indexOf('.'); i >= 0; i = middle.indexOf('.', i + 1)) {
      String group = middle.substring(0, i);
      String name = middle.substring(i + 1);
      if (!group.isEmpty() && !name.isEmpty()) {
        out.add(new Parts(resource, group, name, offset));
      }
    }
    return out;
  }
}
