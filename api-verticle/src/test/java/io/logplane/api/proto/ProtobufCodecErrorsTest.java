package io.logplane.api.proto;

import static io.logplane.api.proto.Envelopes.bytes;
import static io.logplane.api.proto.Envelopes.meta;
import static io.logplane.api.proto.Envelopes.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bodies that are not a decodable Kubernetes protobuf object fail with a typed status. */
class ProtobufCodecErrorsTest {

  private static ProtobufException fails(byte[] body) {
    return assertThrows(ProtobufException.class, () -> ProtobufCodec.decode(body));
  }

  private static Runtime.Unknown.Builder envelope(String apiVersion, String kind) {
    return Runtime.Unknown.newBuilder().setTypeMeta(
        Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind));
  }

  @Test
  void missingMagicOrEmptyBodyIs400() {
    assertEquals(400, fails(new byte[0]).code());
    assertEquals(400, fails("{\"kind\":\"Namespace\"}".getBytes()).code());
    assertEquals(400, fails(null).code());
  }

  @Test
  void truncatedEnvelopeIs400() {
    byte[] body = wrap("v1", "Namespace", V1.Namespace.newBuilder().setMetadata(meta("x")).build());
    ProtobufException e = fails(Arrays.copyOf(body, body.length - 3));
    assertEquals(400, e.code());
    assertTrue(e.getMessage().startsWith("malformed protobuf envelope"), e.getMessage());
  }

  @Test
  void garbageRawObjectIs400() {
    ProtobufException e = fails(wrap(envelope("apps/v1", "Deployment")
        .setRaw(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xff, (byte) 0xff})).build()));
    assertEquals(400, e.code());
    assertTrue(e.getMessage().contains("apps/v1 Deployment"), e.getMessage());
  }

  @Test
  void envelopeWithoutKindIs400() {
    assertEquals(400, fails(wrap(envelope("v1", "").build())).code());
  }

  @Test
  void kindsWithoutProtobufFormAre415() {
    assertEquals(415, fails(wrap(envelope("example.com/v1", "Widget").build())).code());
    assertEquals(415, fails(wrap(envelope("v1", "PodSpec").build())).code());
    assertEquals(415, fails(wrap(envelope("v1", "Pod$Builder").build())).code());
    assertEquals(415, fails(wrap(envelope("v1", "Namespace").setContentEncoding("gzip")
        .build())).code());
  }

  @Test
  void embeddedProtobufObjectIs415AndBadEmbeddedJsonIs400() {
    V1Apps.ControllerRevision nested = V1Apps.ControllerRevision.newBuilder()
        .setData(Runtime.RawExtension.newBuilder().setRaw(bytes("k8s\u0000rest"))).build();
    assertEquals(415, fails(wrap("apps/v1", "ControllerRevision", nested)).code());
    V1Apps.ControllerRevision broken = V1Apps.ControllerRevision.newBuilder()
        .setData(Runtime.RawExtension.newBuilder().setRaw(bytes("{not json"))).build();
    assertEquals(400, fails(wrap("apps/v1", "ControllerRevision", broken)).code());
  }
}
