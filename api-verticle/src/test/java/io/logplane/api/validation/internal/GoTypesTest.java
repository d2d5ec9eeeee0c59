package io.logplane.api.validation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values of the wrong JSON type fail decoding as Go's json.Unmarshal fails them. */
class GoTypesTest {

  private static final String SCHEMAS = """
      {"Q": {"oneOf": [{"type": "string"}, {"type": "number"}]},
       "Ref": {"type": "object", "properties": {"name": {"type": "string"}}},
       "Kind": {"type": "object", "properties": {
         "data": {"type": "object", "additionalProperties": {"type": "string"}},
         "replicas": {"type": "integer", "format": "int32"},
         "automount": {"type": "boolean"},
         "secrets": {"type": "array", "items": {"$ref": "#/components/schemas/Ref"}},
         "cpu": {"$ref": "#/components/schemas/Q"},
         "free": {}}}}
      """;

  private static Optional<String> error(String object) throws Exception {
    JsonNode schemas = Json.MAPPER.readTree(SCHEMAS);
    return new GoTypes(schemas).error(Json.MAPPER.readTree(object), schemas.get("Kind"), "Kind");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"data\": {\"a\": \"1\"}, \"replicas\": 3, \"automount\": true, \"secrets\": [{\"name\": \"s\"}], \"cpu\": 1,"
          + " \"free\": [1]} | ",
      "{\"data\": null, \"replicas\": null} | ",
      "{\"data\": [\"a\"]} | json: cannot unmarshal array into Go struct field Kind.data of type map[string]string",
      "{\"data\": {\"a\": 1}} | json: cannot unmarshal number into Go struct field Kind.data of type string",
      "{\"replicas\": \"three\"} | json: cannot unmarshal string into Go struct field Kind.replicas of type int32",
      "{\"replicas\": 1.5} | json: cannot unmarshal number 1.5 into Go struct field Kind.replicas of type int32",
      "{\"replicas\": 3000000000} | json: cannot unmarshal number 3000000000 into Go struct field Kind.replicas of"
          + " type int32",
      "{\"automount\": \"yes\"} | json: cannot unmarshal string into Go struct field Kind.automount of type bool",
      "{\"secrets\": \"token\"} | json: cannot unmarshal string into Go struct field Kind.secrets of type []struct",
      "{\"secrets\": [{\"name\": 1}]} | json: cannot unmarshal number into Go struct field Kind.secrets.name of type"
          + " string",
      "{\"cpu\": true} | json: cannot unmarshal bool into Go struct field Kind.cpu of type resource.Quantity"})
  void decodes(String object, String expected) throws Exception {
    assertEquals(Optional.ofNullable(expected), error(object));
  }
}
