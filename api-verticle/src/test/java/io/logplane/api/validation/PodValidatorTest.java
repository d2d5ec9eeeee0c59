package io.logplane.api.validation;

import static io.logplane.api.validation.Check.container;
import static io.logplane.api.validation.Check.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodValidatorTest {

  static Stream<Arguments> creates() {
    return Stream.of(
        Arguments.of("a valid pod", pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":80}]") + "]}"),
            List.of()),
        Arguments.of("no containers", pod("{\"containers\":[]}"), List.of("spec.containers: Required value")),
        Arguments.of("containerPort 70000", pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":70000}]")
            + "]}"), List.of("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1"
            + " and 65535, inclusive")),
        Arguments.of("two containers of one name", pod("{\"containers\":[" + container("") + "," + container("")
            + "]}"), List.of("spec.containers[1].name: Duplicate value: \"c\"")),
        Arguments.of("image missing", pod("{\"containers\":[{\"name\":\"c\"}]}"),
            List.of("spec.containers[0].image: Required value")),
        Arguments.of("restartPolicy Sometimes", pod("{\"restartPolicy\":\"Sometimes\",\"containers\":["
            + container("") + "]}"), List.of("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values:"
            + " \"Always\", \"OnFailure\", \"Never\"")),
        Arguments.of("dnsPolicy Bogus", pod("{\"dnsPolicy\":\"Bogus\",\"containers\":[" + container("") + "]}"),
            List.of("spec.dnsPolicy: Unsupported value: \"Bogus\": supported values: \"ClusterFirstWithHostNet\","
                + " \"ClusterFirst\", \"Default\", \"None\"")),
        Arguments.of("protocol HTTP", pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":80,"
            + "\"protocol\":\"HTTP\"}]") + "]}"), List.of("spec.containers[0].ports[0].protocol: Unsupported value:"
            + " \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
        Arguments.of("two ports of one name", pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":80,"
            + "\"name\":\"web\"},{\"containerPort\":81,\"name\":\"web\"}]") + "]}"),
            List.of("spec.containers[0].ports[1].name: Duplicate value: \"web\"")),
        Arguments.of("cpu abc", pod("{\"containers\":[" + container("\"resources\":{\"requests\":{\"cpu\":\"abc\"}}")
            + "]}"), List.of("400: Pod in version \"v1\" cannot be handled as a Pod: quantities must match the"
            + " regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
        Arguments.of("request above limit", pod("{\"containers\":[" + container("\"resources\":{\"requests\":"
            + "{\"cpu\":\"2\"},\"limits\":{\"cpu\":\"1000m\"}}") + "]}"),
            List.of("spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu"
                + " limit of 1")),
        Arguments.of("memory request above limit", pod("{\"containers\":[" + container("\"resources\":{\"requests\":"
            + "{\"memory\":\"2048Mi\"},\"limits\":{\"memory\":\"1Gi\"}}") + "]}"),
            List.of("spec.containers[0].resources.requests: Invalid value: \"2Gi\": must be less than or equal to"
                + " memory limit of 1Gi")),
        Arguments.of("unknown resource (a pod's requests default to its limits)", pod("{\"containers\":["
            + container("\"resources\":{\"limits\":{\"gpu\":\"1\"}}") + "]}"),
            List.of("spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource"
                + " type or fully qualified", "spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must"
                + " be a standard resource for containers", "spec.containers[0].resources.requests[gpu]: Invalid value:"
                + " \"gpu\": must be a standard resource type or fully qualified", "spec.containers[0].resources"
                + ".requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers")),
        Arguments.of("mount of a missing volume", pod("{\"containers\":[" + container("\"volumeMounts\":[{\"name\":"
            + "\"data\",\"mountPath\":\"/d\"}]") + "]}"), List.of("spec.containers[0].volumeMounts[0].name: Not found:"
            + " \"data\"")),
        Arguments.of("mount without path", pod("{\"volumes\":[{\"name\":\"data\",\"emptyDir\":{}}],\"containers\":["
            + container("\"volumeMounts\":[{\"name\":\"data\"}]") + "]}"),
            List.of("spec.containers[0].volumeMounts[0].mountPath: Required value")),
        Arguments.of("volume naming no source is an emptyDir", pod("{\"volumes\":[{\"name\":\"data\"}],"
            + "\"containers\":[" + container("") + "]}"), List.of()),
        Arguments.of("volume whose only source is null", pod("{\"volumes\":[{\"name\":\"data\",\"emptyDir\":null}],"
            + "\"containers\":[" + container("") + "]}"), List.of("spec.volumes[0]: Required value: must specify a volume type")),
        Arguments.of("volume with two sources", pod("{\"volumes\":[{\"name\":\"data\",\"emptyDir\":{},\"configMap\":"
            + "{\"name\":\"x\"}}],\"containers\":[" + container("") + "]}"),
            List.of("spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type")),
        Arguments.of("two volumes of one name", pod("{\"volumes\":[{\"name\":\"v\",\"emptyDir\":{}},{\"name\":\"v\","
            + "\"emptyDir\":{}}],\"containers\":[" + container("") + "]}"),
            List.of("spec.volumes[1].name: Duplicate value: \"v\"")),
        Arguments.of("toleration effect Sometimes", pod("{\"tolerations\":[{\"key\":\"k\",\"operator\":\"Equal\","
            + "\"value\":\"v\",\"effect\":\"Sometimes\"}],\"containers\":[" + container("") + "]}"),
            List.of("spec.tolerations[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\","
                + " \"PreferNoSchedule\", \"NoExecute\"")),
        Arguments.of("toleration operator Maybe", pod("{\"tolerations\":[{\"key\":\"k\",\"operator\":\"Maybe\"}],"
            + "\"containers\":[" + container("") + "]}"), List.of("spec.tolerations[0].operator: Unsupported value:"
            + " \"Maybe\": supported values: \"Equal\", \"Exists\"")),
        Arguments.of("Exists with a value", pod("{\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\",\"value\":"
            + "\"v\"}],\"containers\":[" + container("") + "]}"), List.of("spec.tolerations[0].operator: Invalid value:"
            + " core.Toleration{Key:\"k\", Operator:\"Exists\", Value:\"v\", Effect:\"\", TolerationSeconds:"
            + "(*int64)(nil)}: value must be empty when `operator` is 'Exists'")),
        Arguments.of("container name not a DNS label", pod("{\"containers\":[{\"name\":\"Web\",\"image\":\"i\"}]}"),
            List.of("spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of"
                + " lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
                + " (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "pods", json));
  }

  static final String RUNNING = pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":80}]")
      + "],\"tolerations\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}");

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("a new image", pod("{\"containers\":[{\"name\":\"c\",\"image\":\"j\",\"ports\":[{\"containerPort\""
            + ":80}]}],\"tolerations\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}"), List.of()),
        Arguments.of("a toleration added", pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":80}]")
            + "],\"tolerations\":[{\"key\":\"a\",\"operator\":\"Exists\"},{\"key\":\"b\",\"operator\":\"Exists\"}]}"),
            List.of()),
        Arguments.of("a toleration removed", pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":80}]")
            + "]}"), List.of("spec.tolerations: Forbidden: existing toleration can not be modified except its"
            + " tolerationSeconds")),
        Arguments.of("a container added", pod("{\"containers\":[" + container("\"ports\":[{\"containerPort\":80}]")
            + ",{\"name\":\"d\",\"image\":\"i\"}],\"tolerations\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}"),
            List.of("spec.containers: Forbidden: pod updates may not add or remove containers")),
        Arguments.of("activeDeadlineSeconds raised", pod("{\"activeDeadlineSeconds\":5,\"containers\":["
            + container("\"ports\":[{\"containerPort\":80}]") + "],\"tolerations\":[{\"key\":\"a\",\"operator\":"
            + "\"Exists\"}]}"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String json, List<String> expected) {
    assertEquals(expected, Check.update("", "pods", RUNNING, json));
  }

  @org.junit.jupiter.api.Test
  void aChangedPortIsForbiddenWithKubesMessage() {
    List<String> out = Check.update("", "pods", RUNNING, pod("{\"containers\":["
        + container("\"ports\":[{\"containerPort\":81}]") + "],\"tolerations\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}"));
    assertEquals(1, out.size(), out.toString());
    assertEquals(true, out.get(0).startsWith("spec: Forbidden: " + "pod updates may not change fields other than"
        + " `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations`"
        + " (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if"
        + " it was previously negative)\n"), out.get(0));
  }
}
