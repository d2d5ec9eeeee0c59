package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.projections.Quantity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's volumes as ValidateVolumes checks them: each name a unique DNS label, exactly one
 * source, the fields each common source requires, and the files of those that write files
 * ({@link VolumeFiles}). Returns the names of the valid volumes,
 * which mounts may refer to.
 */
public final class Volumes {

  /**
   * The sources in the order kube-apiserver looks at them, with the path it names in "may not
   * specify more than 1 volume type" (a few differ from the JSON name there, kept as they are).
   */
  private static final List<String[]> SOURCES = List.of(
      new String[] {"emptyDir", "emptyDir"}, new String[] {"hostPath", "hostPath"},
      new String[] {"gitRepo", "gitRepo"}, new String[] {"gcePersistentDisk", "gcePersistentDisk"},
      new String[] {"awsElasticBlockStore", "awsElasticBlockStore"}, new String[] {"secret", "secret"},
      new String[] {"nfs", "nfs"}, new String[] {"iscsi", "iscsi"}, new String[] {"glusterfs", "glusterfs"},
      new String[] {"flocker", "flocker"}, new String[] {"persistentVolumeClaim", "persistentVolumeClaim"},
      new String[] {"rbd", "rbd"}, new String[] {"cinder", "cinder"}, new String[] {"cephfs", "cephFS"},
      new String[] {"quobyte", "quobyte"}, new String[] {"downwardAPI", "downwarAPI"}, new String[] {"fc", "fc"},
      new String[] {"flexVolume", "flexVolume"}, new String[] {"configMap", "configMap"},
      new String[] {"azureFile", "azureFile"}, new String[] {"vsphereVolume", "vsphereVolume"},
      new String[] {"photonPersistentDisk", "photonPersistentDisk"}, new String[] {"portworxVolume", "portworxVolume"},
      new String[] {"azureDisk", "azureDisk"}, new String[] {"storageos", "storageos"},
      new String[] {"projected", "projected"}, new String[] {"scaleIO", "scaleIO"}, new String[] {"csi", "csi"},
      new String[] {"ephemeral", "ephemeral"});

  /** The fields a source must have, as the validator of each common source requires them. */
  private static final Map<String, List<String>> REQUIRED = Map.of(
      "hostPath", List.of("path"), "secret", List.of("secretName"), "configMap", List.of("name"),
      "persistentVolumeClaim", List.of("claimName"), "nfs", List.of("server", "path"),
      "gitRepo", List.of("repository"), "csi", List.of("driver"), "iscsi", List.of("targetPortal", "iqn"));

  private Volumes() {}

  public static Set<String> validate(JsonNode volumes, String path, FieldErrors errors) {
    Set<String> valid = new LinkedHashSet<>();
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode v = volumes.get(i);
      String at = path + "[" + i + "]";
      FieldErrors own = new FieldErrors();
      source(v, at, own);
      String name = v.path("name").asText("");
      if (name.isEmpty()) {
        own.required(at + ".name", null);
      } else {
        Names.check(Names.isDns1123Label(name), at + ".name", name, own);
      }
      if (valid.contains(name)) {
        own.duplicate(at + ".name", name);
      }
      if (own.isEmpty()) {
        valid.add(name);
      } else {
        errors.addAll(own);
      }
    }
    return valid;
  }

  private static void source(JsonNode v, String path, FieldErrors errors) {
    int count = 0;
    for (String[] s : SOURCES) {
      JsonNode src = v.get(s[0]);
      if (src == null || src.isNull()) {
        continue;
      }
      if (count > 0) {
        errors.forbidden(path + "." + s[1], "may not specify more than 1 volume type");
        continue;
      }
      count++;
      for (String f : REQUIRED.getOrDefault(s[0], List.of())) {
        if (src.path(f).asText("").isEmpty()) {
          errors.required(path + "." + s[0] + "." + f, null);
        }
      }
      VolumeFiles.validate(s[0], src, path + "." + s[0], errors);
      if (s[0].equals("emptyDir") && Quantity.parse(src.path("sizeLimit")).map(Quantity::value).map(q -> q.signum() < 0).orElse(false)) {
        errors.forbidden(path + ".emptyDir.sizeLimit", "SizeLimit field must be a valid resource quantity");
      }
    }
    if (count == 0) {
      errors.required(path, "must specify a volume type");
    }
  }
}
