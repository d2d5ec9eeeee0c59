package io.logplane.api.proto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;
import java.util.Set;

/**
 * Converts Kubernetes protobuf bodies ({@code application/vnd.kubernetes.protobuf}) to and
 * from the JSON objects the rest of the server handles.
 *
 * <p>The wire format is the 4-byte magic {@code k8s\0} followed by a {@code runtime.Unknown}
 * message: {@code typeMeta{apiVersion, kind}}, {@code raw} (the object's own message, e.g.
 * {@code k8s.io.api.core.v1.Namespace}), {@code contentEncoding} and {@code contentType} (both
 * empty). Decoding yields the JSON a Go client would have sent for the same object: Go's
 * {@code omitempty} applies, so the zero values kubectl's marshaller writes for every
 * non-pointer field do not appear, while pointer fields keep an explicit zero
 * ({@code "replicas": 0}; the pointer fields are listed by hand in {@code GoFields}). The zero
 * time arrives as {@code "creationTimestamp": null}, as kubectl's JSON has it; {@code Time}
 * keeps whole seconds like Go's. Embedded raw objects (RawExtension) must hold JSON. Fields
 * newer than the bundled protobuf classes are skipped, as the Kubernetes API server skips
 * unknown protobuf fields; the caller still checks that kind and apiVersion match the URL.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProtobufCodec {

  /** The prefix of every Kubernetes protobuf body. */
  static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufCodec() {}

  /**
   * Decodes a protobuf body into its JSON object, with {@code kind} and {@code apiVersion} set
   * from the envelope.
   *
   * @param body the request body, magic included
   * @return the object as JSON
   * @throws ProtobufException 400 when the bytes are not a well-formed envelope or message,
   *     415 when the envelope names a kind without a protobuf message (e.g. a custom resource)
   */
  public static ObjectNode decode(byte[] body) throws ProtobufException {
    if (body == null || body.length < MAGIC.length
        || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new ProtobufException(ProtobufException.BAD_REQUEST,
          "protobuf body does not start with the Kubernetes magic k8s\\0");
    }
    Message envelope = parse(Runtime.Unknown.getDescriptor(),
        ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length), "protobuf envelope");
    String encoding = (String) field(envelope, "contentEncoding");
    if (!encoding.isEmpty()) {
      throw new ProtobufException(ProtobufException.UNSUPPORTED_MEDIA_TYPE,
          "protobuf content encoding " + encoding + " is not supported");
    }
    Message typeMeta = (Message) field(envelope, "typeMeta");
    String apiVersion = (String) field(typeMeta, "apiVersion");
    String kind = (String) field(typeMeta, "kind");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new ProtobufException(ProtobufException.BAD_REQUEST,
          "protobuf envelope has no apiVersion or kind");
    }
    Descriptor type = ProtoKinds.descriptor(apiVersion, kind).orElseThrow(() ->
        new ProtobufException(ProtobufException.UNSUPPORTED_MEDIA_TYPE,
            "no protobuf form for " + apiVersion + ", Kind=" + kind + "; send application/json"));
    Message object = parse(type, (ByteString) field(envelope, "raw"), apiVersion + " " + kind);
    ObjectNode out = MessageToJson.JSON.objectNode();
    out.put("kind", kind);
    out.put("apiVersion", apiVersion);
    MessageToJson.fields(object, out);
    return out;
  }

  /**
   * Encodes a JSON object (with {@code apiVersion} and {@code kind}) as a protobuf body, the
   * inverse of {@link #decode}: {@code decode(encode(o))} equals {@code o} for any object in
   * the JSON form decode produces.
   *
   * @throws ProtobufException 406 when the kind has no protobuf message or a field of the
   *     object has no protobuf form (e.g. a field newer than the bundled classes); the caller
   *     answers in JSON instead
   */
  public static byte[] encode(ObjectNode object) throws ProtobufException {
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    Descriptor type = ProtoKinds.descriptor(apiVersion, kind).orElseThrow(() ->
        JsonToMessage.fail(apiVersion + ", Kind=" + kind, "has no protobuf message"));
    Message message = JsonToMessage.object(type, object, Set.of("apiVersion", "kind"), kind);
    Runtime.Unknown envelope = Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(message.toByteString())
        .setContentEncoding("")
        .setContentType("")
        .build();
    ByteString body = ByteString.copyFrom(MAGIC).concat(envelope.toByteString());
    return body.toByteArray();
  }

  private static Message parse(Descriptor type, ByteString bytes, String what)
      throws ProtobufException {
    try {
      return DynamicMessage.parseFrom(type, bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ProtobufException(ProtobufException.BAD_REQUEST,
          "malformed " + what + ": " + e.getMessage(), e);
    }
  }

  private static Object field(Message m, String name) {
    return m.getField(m.getDescriptorForType().findFieldByName(name));
  }
}
