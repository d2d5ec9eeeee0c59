package io.logplane.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.logplane.api.proto.ProtobufCodec;
import io.logplane.api.proto.ProtobufException;
import io.logplane.events.CompactNodes;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Request bodies: the content types the API accepts, decoded to a JSON object. */
public final class Bodies {

  public static final int MAX_BYTES = 3 * 1024 * 1024;
  /**
   * How deep a body may nest objects and arrays. Jackson's own limit (1000) lets through bodies
   * that overflow the stack of the recursive walks after decoding (server-side apply's merge
   * did at 990); no Kubernetes object comes near this.
   */
  public static final int MAX_DEPTH = 512;
  /** JSON bodies, nesting bounded; the process's {@code Json.MAPPER} otherwise. */
  public static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).nodeFactory(CompactNodes.INSTANCE).build();
  public static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
      .nodeFactory(CompactNodes.INSTANCE).build();

  private Bodies() {}

  /** The media type without parameters, lower case; empty when absent. */
  public static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
  }

  /** Decodes an object body of a create or update. */
  public static ObjectNode object(String contentType, byte[] body) {
    return object(contentType, body, false);
  }

  /**
   * Decodes an object body of a create or update; {@code strict} (fieldValidation=Strict) refuses
   * a key given twice in one object, which otherwise the last one wins, as in Go.
   */
  /** The {@code metadata.name} of a body, or null when it names none or cannot be read. */
  public static String nameOf(String contentType, byte[] body) {
    try {
      String name = object(contentType, body, false).path("metadata").path("name").asText("");
      return name.isEmpty() ? null : name;
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static ObjectNode object(String contentType, byte[] body, boolean strict) {
    String media = mediaType(contentType);
    JsonNode node;
    switch (media) {
      case "application/json", "" -> node = strict ? strict(JSON, body, "json") : parse(JSON, body, "json");
      case "application/yaml", "application/x-yaml", "text/yaml" ->
          node = strict ? strict(YAML, body, "yaml") : parse(YAML, body, "yaml");
      case "application/vnd.kubernetes.protobuf" -> node = protobuf(body);
      default -> throw unsupported(contentType);
    }
    if (!(node instanceof ObjectNode o)) {
      throw ApiException.badRequest("the body of the request must be a JSON object");
    }
    return o;
  }

  private static JsonNode protobuf(byte[] body) {
    try {
      return ProtobufCodec.decode(body);
    } catch (ProtobufException e) {
      throw ApiException.of(e.code(), e.code() == 415 ? "UnsupportedMediaType" : "BadRequest", e.getMessage());
    }
  }

  public static ApiException unsupported(String contentType) {
    return ApiException.of(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
        + "accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"
        + (contentType == null ? "" : " (got " + contentType + ")"));
  }

  private static JsonNode strict(ObjectMapper mapper, byte[] body, String what) {
    if (body != null && body.length > 0) {
      try {
        JsonNode n = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
        if (n != null && !n.isMissingNode()) {
          return n;
        }
      } catch (JsonProcessingException e) {
        Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (m.find()) {
          throw ApiException.badRequest("strict decoding error: " + what + ": duplicate field \"" + m.group(1) + "\"");
        }
      } catch (IOException e) {
        // the parse below reports it as a lenient one does
      }
    }
    return parse(mapper, body, what);
  }

  /**
   * A decoder's message without the Java in it: the Jackson setting a limit names ("..., from
   * `StreamReadConstraints...`"), the class of a wrapped exception ("java.io.CharConversionException: ").
   */
  public static String withoutSource(String message) {
    return message == null ? "" : message.replaceAll(", from `[^`]*`", "")
        .replaceAll("^([a-z]+\\.)+[A-Za-z]*(Exception|Error): ", "");
  }

  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");

  public static JsonNode parse(ObjectMapper mapper, byte[] body, String what) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("the request body is empty");
    }
    try {
      JsonNode n = mapper.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("the request body is empty");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("error decoding " + what + " body: " + withoutSource(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ApiException.badRequest("error reading body: " + e.getMessage());
    }
  }
}
