package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** kube-apiserver 1.28's ServiceAccount admission of a pod create, field by field. */
class ServiceAccountAdmissionTest {

  /** What kube-apiserver 1.28 adds, with the name's suffix given. */
  private static final String VOLUME = "{'name':'kube-api-access-SFX','projected':{'sources':["
      + "{'serviceAccountToken':{'expirationSeconds':3607,'path':'token'}},"
      + "{'configMap':{'name':'kube-root-ca.crt','items':[{'key':'ca.crt','path':'ca.crt'}]}},"
      + "{'downwardAPI':{'items':[{'path':'namespace','fieldRef':{'apiVersion':'v1','fieldPath':'metadata.namespace'}}]}}],"
      + "'defaultMode':420}}";
  private static final String MOUNT = "{'name':'kube-api-access-SFX','readOnly':true,"
      + "'mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}";

  private static ObjectNode json(String s) {
    return Json.object(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String suffixOf(JsonNode spec) {
    return spec.path("volumes").get(spec.path("volumes").size() - 1).path("name").asText()
        .substring("kube-api-access-".length());
  }

  @Test
  void aPodGetsTheDefaultAccountAndTheTokenVolumeInEveryContainerAfterItsOwnVolumes() {
    ObjectNode spec = json("{'initContainers':[{'name':'i'}],'containers':[{'name':'a',"
        + "'volumeMounts':[{'name':'data','mountPath':'/data'}]},{'name':'b'}],'volumes':[{'name':'data','emptyDir':{}}]}");
    ServiceAccountAdmission.admit(spec, null, new Random(1));
    String sfx = suffixOf(spec);
    assertTrue(sfx.matches("[bcdfghjklmnpqrstvwxz2456789]{5}"), sfx);
    String mount = MOUNT.replace("SFX", sfx);
    assertEquals(json("{'initContainers':[{'name':'i','volumeMounts':[" + mount + "]}],'containers':[{'name':'a',"
        + "'volumeMounts':[{'name':'data','mountPath':'/data'}," + mount + "]},{'name':'b','volumeMounts':["
        + mount + "]}],'volumes':[{'name':'data','emptyDir':{}}," + VOLUME.replace("SFX", sfx) + "],"
        + "'serviceAccountName':'default','serviceAccount':'default'}"), spec);
    assertEquals(json(VOLUME.replace("SFX", sfx)).toString(), spec.path("volumes").get(1).toString(),
        "kube-apiserver's field order");
  }

  @Test
  void theNameIsFiveCharactersOfKubesAlphabetDrawnFromTheGenerator() {
    RandomGenerator zeros = new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public int nextInt(int bound) {
        return 0;
      }
    };
    ObjectNode spec = json("{'containers':[{'name':'c'}]}");
    ServiceAccountAdmission.admit(spec, null, zeros);
    assertEquals("kube-api-access-bbbbb", spec.path("volumes").get(0).path("name").asText());
  }

  @Test
  void thePodsChoiceWinsThenTheAccountsThenMounting() {
    JsonNode off = json("{'automountServiceAccountToken':false}");
    JsonNode on = json("{'automountServiceAccountToken':true}");
    assertFalse(ServiceAccountAdmission.automount(json("{'automountServiceAccountToken':false}"), on));
    assertTrue(ServiceAccountAdmission.automount(json("{'automountServiceAccountToken':true}"), off));
    assertFalse(ServiceAccountAdmission.automount(json("{}"), off));
    assertTrue(ServiceAccountAdmission.automount(json("{}"), json("{}")));
    assertTrue(ServiceAccountAdmission.automount(json("{}"), null), "an account not there yet: mounted");

    ObjectNode spec = json("{'automountServiceAccountToken':false,'containers':[{'name':'c'}]}");
    ServiceAccountAdmission.admit(spec, null, new Random(2));
    assertEquals(json("{'automountServiceAccountToken':false,'containers':[{'name':'c'}],"
        + "'serviceAccountName':'default','serviceAccount':'default'}"), spec, "nothing mounted, the account set");
    ObjectNode byAccount = json("{'serviceAccountName':'robot','containers':[{'name':'c'}]}");
    ServiceAccountAdmission.admit(byAccount, off, new Random(2));
    assertFalse(byAccount.has("volumes"));
    assertEquals("robot", byAccount.path("serviceAccount").asText());
  }

  @Test
  void theDeprecatedFieldNamesTheAccountWhenTheOtherIsUnset() {
    ObjectNode spec = json("{'serviceAccount':'old','containers':[]}");
    assertEquals("old", ServiceAccountAdmission.defaultAccount(spec));
    assertEquals("old", spec.path("serviceAccountName").asText());
    ObjectNode both = json("{'serviceAccountName':'new','serviceAccount':'old'}");
    assertEquals("new", ServiceAccountAdmission.defaultAccount(both));
    assertEquals("new", both.path("serviceAccount").asText());
  }

  @Test
  void aContainerMountingThePathKeepsItsMountAndNoneNeedingItMeansNoVolume() {
    ObjectNode spec = json("{'containers':[{'name':'a','volumeMounts':[{'name':'mine',"
        + "'mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}]},{'name':'b'}],"
        + "'volumes':[{'name':'mine','secret':{'secretName':'s'}}]}");
    ServiceAccountAdmission.admit(spec, null, new Random(3));
    assertEquals(1, spec.path("containers").get(0).path("volumeMounts").size(), "its own mount kept");
    assertEquals("/var/run/secrets/kubernetes.io/serviceaccount",
        spec.path("containers").get(1).path("volumeMounts").get(0).path("mountPath").asText());
    assertEquals(2, spec.path("volumes").size(), "b needed it");

    ObjectNode all = json("{'containers':[{'name':'a','volumeMounts':[{'name':'mine',"
        + "'mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}]}],"
        + "'volumes':[{'name':'mine','secret':{'secretName':'s'}}]}");
    ServiceAccountAdmission.admit(all, null, new Random(3));
    assertEquals(1, all.path("volumes").size(), "no container needs it: no volume");
  }

  @Test
  void aPodThatHasAKubeApiAccessVolumeAlreadyKeepsItsNameAndGetsNoSecond() {
    ObjectNode spec = json("{'containers':[{'name':'c'}],'volumes':[{'name':'kube-api-access-zzzzz','emptyDir':{}}]}");
    ServiceAccountAdmission.admit(spec, null, new Random(4));
    assertEquals(1, spec.path("volumes").size());
    assertEquals("kube-api-access-zzzzz", spec.path("containers").get(0).path("volumeMounts").get(0).path("name")
        .asText());
  }

  @Test
  void ephemeralContainersGetTheMountToo() {
    ObjectNode spec = json("{'containers':[{'name':'c'}],'ephemeralContainers':[{'name':'e'}]}");
    ServiceAccountAdmission.admit(spec, null, new Random(5));
    assertEquals(spec.path("containers").get(0).path("volumeMounts"),
        spec.path("ephemeralContainers").get(0).path("volumeMounts"));
  }
}
