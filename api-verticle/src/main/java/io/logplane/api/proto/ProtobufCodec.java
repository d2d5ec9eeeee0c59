package io.logplane.api.proto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;

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
 * ({@code "replicas": 0}). Fields newer than the bundled protobuf classes are skipped, as the
 * Kubernetes API server skips unknown protobuf fields.
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
