package io.logplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Command.Meta META = new Command.Meta("alice", "req-1", 1_700_000_000_123L);

  private static ObjectNode pod() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"namespace\":"
                + "\"default\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\","
                + "\"image\":\"nginx\",\"ports\":[{\"containerPort\":80}]}]},\"x\":1.5,\"n\":null}");
  }

  private static String wire(Command r) {
    return new String(Codec.encode(r), StandardCharsets.UTF_8);
  }

  @Test
  void everyVariantRoundTrips() throws Exception {
    List<Command> records =
        List.of(
            new Command.Genesis(META, "c0ffee"),
            new Command.Genesis(META, "c0ffee", "10.0.0.0/16", "10.1.0.0/16", 26),
            new Command.Create(META, "core/pods/default/web", pod()),
            new Command.Update(META, "core/pods/default/web", 42, "", pod()),
            new Command.Update(META, "core/pods/default/web", 0, "status", pod()),
            new Command.Delete(META, "core/pods/default/web", 7, "uid-1", "Foreground"),
            new Command.Delete(META, "core/namespaces//ns", 0, null, null),
            new Command.Delete(META, "core/pods/default/web", 0, null, "Background", 0L),
            new Command.Delete(META, "core/pods/default/web", 0, null, null, 45L),
            new Command.Create(new Command.Meta(null, "r", 0), "apps/deployments/d/x", JSON.createObjectNode()),
            new Command.Update(new Command.Meta("a", "r", 1, "patch", "scale"), "apps/deployments/d/x", 0, "",
                JSON.createObjectNode()),
            new Command.Read(new Command.Meta("admin", "r", 1, "get", null,
                java.util.Map.of("logplane.io/unsealed-resource-version", "7")), "core/secrets/vault/db", 7));
    for (Command r : records) {
      assertEquals(r, Codec.decode(Codec.encode(r)), () -> "round trip of " + r);
    }
  }

  @Test
  void theSubresourceOfARequestIsWrittenOnlyWhenThereIsOne() throws Exception {
    String plain = wire(new Command.Delete(new Command.Meta("a", "r", 1, "delete"), "core/pods/d/p", 0, null, null));
    assertEquals(-1, plain.indexOf("subresource"), plain);
    String scaled = wire(new Command.Update(new Command.Meta("a", "r", 1, "update", "scale"), "apps/deployments/d/x",
        0, "", JSON.createObjectNode()));
    assertEquals(true, scaled.contains("\"verb\":\"update\",\"subresource\":\"scale\""), scaled);
  }

  @Test
  void canonicalIsWhatDecodingGives() throws Exception {
    ObjectNode o = pod();
    o.put("long", 5L).put("bigLong", 1L << 40).put("short", (short) 3).put("float", 0.1f)
        .put("double", 2.0).put("nan", Double.NaN).put("decimal", new java.math.BigDecimal("5"))
        .put("bigInt", new java.math.BigInteger("123456789012345678901234567890"))
        .put("smallBigInt", java.math.BigInteger.TEN).put("text", "ünï\u0000").putNull("nothing");
    o.putArray("list").add(1L).add(2.5f).addObject().put("inner", 7L);
    o.put("binary", new byte[] {1, 2, 3});
    List<Command> records = List.of(
        new Command.Create(META, "core/pods/default/web", o),
        new Command.Update(META, "core/pods/default/web", 42, null, o),
        new Command.Update(new Command.Meta("bob", "r2", 5, "patch"), "core/pods/default/web", 0, "status", pod()),
        new Command.Delete(META, "core/pods/default/web", 7, "uid-1", "Foreground"),
        new Command.Genesis(META, "c0ffee"));
    for (Command r : records) {
      byte[] bytes = Codec.encode(r);
      Command canonical = Codec.canonical(r, bytes);
      assertEquals(Codec.decode(bytes), canonical, () -> "canonical of " + r);
      assertEquals(new String(bytes, StandardCharsets.UTF_8), wire(canonical));
    }
    org.junit.jupiter.api.Assertions.assertTrue(o.get("long").isLong(), "the record's own object is not changed");
  }

  @Test
  void genesisWireFormat() {
    assertEquals(
        "{\"op\":\"genesis\",\"actor\":\"alice\",\"rid\":\"req-1\",\"time\":1700000000123,"
            + "\"clusterId\":\"c0ffee\"}",
        wire(new Command.Genesis(META, "c0ffee")));
    assertEquals(
        "{\"op\":\"genesis\",\"actor\":\"alice\",\"rid\":\"req-1\",\"time\":1700000000123,"
            + "\"clusterId\":\"c0ffee\",\"serviceCidr\":\"10.0.0.0/16\",\"clusterCidr\":\"10.1.0.0/16\","
            + "\"nodeCidrMaskSize\":26}",
        wire(new Command.Genesis(META, "c0ffee", "10.0.0.0/16", "10.1.0.0/16", 26)));
  }

  @Test
  void createAndUpdateWireFormat() throws Exception {
    ObjectNode o = JSON.createObjectNode().put("kind", "Pod");
    assertEquals(
        "{\"op\":\"create\",\"actor\":\"alice\",\"rid\":\"req-1\",\"time\":1700000000123,"
            + "\"key\":\"core/pods/default/web\",\"object\":{\"kind\":\"Pod\"}}",
        wire(new Command.Create(META, "core/pods/default/web", o)));
    assertEquals(
        "{\"op\":\"update\",\"actor\":\"alice\",\"rid\":\"req-1\",\"time\":1700000000123,"
            + "\"key\":\"k\",\"expected\":12,\"sub\":\"status\",\"object\":{\"kind\":\"Pod\"}}",
        wire(new Command.Update(META, "k", 12, "status", o)));
  }

  @Test
  void deleteWritesNullsExplicitly() {
    assertEquals(
        "{\"op\":\"delete\",\"actor\":\"alice\",\"rid\":\"req-1\",\"time\":1700000000123,"
            + "\"key\":\"k\",\"expected\":0,\"uid\":null,\"propagation\":null,\"grace\":null}",
        wire(new Command.Delete(META, "k", 0, null, null)));
    assertEquals(
        "{\"op\":\"delete\",\"actor\":\"alice\",\"rid\":\"req-1\",\"time\":1700000000123,"
            + "\"key\":\"k\",\"expected\":0,\"uid\":null,\"propagation\":null,\"grace\":5}",
        wire(new Command.Delete(META, "k", 0, null, null, 5L)));
  }

  @Test
  void aDeleteWrittenBeforeGracePeriodsStillDeletesAtOnce() {
    byte[] old = ("{\"op\":\"delete\",\"actor\":\"alice\",\"rid\":\"req-1\",\"time\":1700000000123,"
        + "\"verb\":\"delete\",\"key\":\"core/pods/d/p\",\"expected\":3,\"uid\":\"u1\",\"propagation\":null}")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(new Command.Delete(new Command.Meta("alice", "req-1", 1700000000123L, "delete"), "core/pods/d/p", 3,
        "u1", null, 0L), Codec.decode(old));
  }

  @Test
  void decodesFieldsInAnyOrder() throws Exception {
    byte[] bytes =
        ("{\"object\":{\"a\":1},\"sub\":\"\",\"expected\":3,\"key\":\"k\",\"time\":5,"
                + "\"rid\":\"r\",\"actor\":\"u\",\"op\":\"update\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new Command.Update(new Command.Meta("u", "r", 5), "k", 3, "", (ObjectNode) JSON.readTree("{\"a\":1}")),
        Codec.decode(bytes));
  }

  @Test
  void rejectsWhatIsNotARecord() {
    for (String bad :
        List.of(
            "not json",
            "[1]",
            "{\"op\":\"frobnicate\",\"time\":1}",
            "{\"actor\":\"u\",\"rid\":\"r\",\"time\":1}",
            "{\"op\":\"create\",\"actor\":\"u\",\"rid\":\"r\",\"time\":1,\"key\":\"k\",\"object\":[]}",
            "{\"op\":\"create\",\"actor\":\"u\",\"rid\":\"r\",\"time\":1,\"object\":{}}",
            "{\"op\":\"delete\",\"actor\":\"u\",\"rid\":\"r\",\"time\":\"x\",\"key\":\"k\",\"expected\":1}",
            "{\"op\":\"delete\",\"actor\":\"u\",\"rid\":\"r\",\"time\":1,\"key\":\"k\",\"expected\":1.5}",
            "{\"op\":\"delete\",\"actor\":\"u\",\"rid\":\"r\",\"time\":1,\"key\":\"k\",\"expected\":1,\"grace\":\"30\"}")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> Codec.decode(bad.getBytes(StandardCharsets.UTF_8)),
          () -> "should reject " + bad);
    }
  }

  @Test
  void bytesThatAreNoRecordAreRefusedAtTheirOffsetAndANewerOpStopsTheReader() {
    for (String bad : List.of("not json", "[1]", "{\"key\":\"k\"}", "{\"op\":\"create\",\"key\":3}")) {
      Command c = Codec.decodeAt(bad.getBytes(StandardCharsets.UTF_8), 42);
      Command.Refused r = assertInstanceOf(Command.Refused.class, c, bad);
      assertEquals(400, r.code());
      assertEquals("BadRequest", r.reason());
      assertTrue(r.message().startsWith("the record at offset 42 is not a Logplane record ("), r.message());
    }
    assertInstanceOf(Command.Refused.class, Codec.decodeAt(null, 7), "a tombstone");
    UnknownFormatException e = assertThrows(UnknownFormatException.class,
        () -> Codec.decodeAt("{\"op\":\"teleport\",\"key\":\"k\"}".getBytes(StandardCharsets.UTF_8), 9));
    assertEquals("the record at offset 9 has the op \"teleport\", which this version of Logplane does not know: a newer"
        + " one wrote it; upgrade this server to read the log", e.getMessage());
  }
}
