package io.logplane.api.table;

import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** PersistentVolumes, PersistentVolumeClaims and StorageClasses. */
final class StoragePrinters {

  private static final String BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

  private StoragePrinters() {}

  static Printer persistentVolume() {
    String spec = "core/v1.PersistentVolumeSpec.";
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Capacity", "string", spec + "capacity"),
        Column.doc("Access Modes", "string", spec + "accessModes"),
        Column.doc("Reclaim Policy", "string", spec + "persistentVolumeReclaimPolicy"),
        Column.doc("Status", "string", "core/v1.PersistentVolumeStatus.phase"),
        Column.doc("Claim", "string", spec + "claimRef"),
        Column.text("StorageClass", "string", "StorageClass of the pv"),
        Column.doc("Reason", "string", "core/v1.PersistentVolumeStatus.reason"), Column.ageColumn(),
        Column.doc("VolumeMode", "string", spec + "volumeMode").wide()),
        (o, now) -> {
          JsonNode claim = at(o, "spec", "claimRef");
          String claimRef = claim.isObject() ? str(claim, "namespace") + "/" + str(claim, "name") : "";
          return List.of(Cells.name(o), str(o, "spec", "capacity", "storage"),
              accessModes(at(o, "spec", "accessModes")), str(o, "spec", "persistentVolumeReclaimPolicy"),
              terminatingOr(o, str(o, "status", "phase")), claimRef, storageClass(o),
              str(o, "status", "reason"), Cells.age(o, now), volumeMode(o));
        });
  }

  static Printer persistentVolumeClaim() {
    String spec = "core/v1.PersistentVolumeClaimSpec.";
    String status = "core/v1.PersistentVolumeClaimStatus.";
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Status", "string", status + "phase"),
        Column.doc("Volume", "string", spec + "volumeName"), Column.doc("Capacity", "string", status + "capacity"),
        Column.doc("Access Modes", "string", status + "accessModes"),
        Column.text("StorageClass", "string", "StorageClass of the pvc"), Column.ageColumn(),
        Column.doc("VolumeMode", "string", spec + "volumeMode").wide()),
        (o, now) -> {
          String volume = str(o, "spec", "volumeName");
          boolean bound = !volume.isEmpty();
          return List.of(Cells.name(o), terminatingOr(o, str(o, "status", "phase")), volume,
              bound ? str(o, "status", "capacity", "storage") : "",
              bound ? accessModes(at(o, "status", "accessModes")) : "", storageClass(o), Cells.age(o, now),
              volumeMode(o));
        });
  }

  static Printer storageClass() {
    String doc = "storage/v1.StorageClass.";
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Provisioner", "string", doc + "provisioner"),
        Column.doc("ReclaimPolicy", "string", doc + "reclaimPolicy"),
        Column.doc("VolumeBindingMode", "string", doc + "volumeBindingMode"),
        Column.doc("AllowVolumeExpansion", "string", doc + "allowVolumeExpansion"), Column.ageColumn()),
        (o, now) -> {
          String reclaim = str(o, "reclaimPolicy");
          String binding = str(o, "volumeBindingMode");
          return List.of(Cells.name(o) + (isDefault(o) ? " (default)" : ""), str(o, "provisioner"),
              reclaim.isEmpty() ? "Delete" : reclaim, binding.isEmpty() ? "Immediate" : binding,
              o.path("allowVolumeExpansion").asBoolean(false), Cells.age(o, now));
        });
  }

  private static boolean isDefault(JsonNode sc) {
    return str(sc, "metadata", "annotations", "storageclass.kubernetes.io/is-default-class").equals("true")
        || str(sc, "metadata", "annotations", "storageclass.beta.kubernetes.io/is-default-class").equals("true");
  }

  /** kubectl's access-mode abbreviations, in its fixed order. */
  private static String accessModes(JsonNode modes) {
    List<String> given = Cells.texts(modes);
    List<String> out = new ArrayList<>();
    String[][] abbreviations = {{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"},
        {"ReadWriteOncePod", "RWOP"}};
    for (String[] a : abbreviations) {
      if (given.contains(a[0])) {
        out.add(a[1]);
      }
    }
    return String.join(",", out);
  }

  /** The beta annotation wins over spec.storageClassName, as in kubectl's storage helpers. */
  private static String storageClass(JsonNode o) {
    JsonNode beta = at(o, "metadata", "annotations", BETA_CLASS);
    return beta.isTextual() ? beta.asText() : str(o, "spec", "storageClassName");
  }

  private static String volumeMode(JsonNode o) {
    String mode = str(o, "spec", "volumeMode");
    return mode.isEmpty() ? "<unset>" : mode;
  }

  private static String terminatingOr(JsonNode o, String phase) {
    return str(o, "metadata", "deletionTimestamp").isEmpty() ? phase : "Terminating";
  }
}
