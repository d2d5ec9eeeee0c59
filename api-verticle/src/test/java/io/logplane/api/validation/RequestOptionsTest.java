package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logplane.api.http.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The options of writes as apimachinery's Validate*Options refuse them: a 422 with a cause each. */
class RequestOptionsTest {

  private static List<String> causes(Executable check) {
    ApiException e = assertThrows(ApiException.class, check);
    assertEquals(422, e.code());
    List<String> out = new java.util.ArrayList<>();
    e.status().path("details").path("causes").forEach(c -> out.add(c.path("reason").asText() + " "
        + c.path("field").asText()));
    return out;
  }

  private static RequestOptions.Given given(String manager, String validation, String force) {
    return new RequestOptions.Given(List.of(), manager, validation, force);
  }

  @Test
  void createAndUpdateOptions() {
    RequestOptions.checkWrite("CreateOptions", given("corpus", "Strict", null));
    RequestOptions.checkWrite("UpdateOptions", given("", "", null));
    assertEquals(List.of("FieldValueTooLong fieldManager", "FieldValueNotSupported fieldValidation"),
        causes(() -> RequestOptions.checkWrite("CreateOptions", given("m".repeat(129), "Bogus", null))));
    assertEquals(List.of("FieldValueInvalid fieldManager"),
        causes(() -> RequestOptions.checkWrite("UpdateOptions", given("a\u0007", null, null))));
  }

  @Test
  void patchOptions() {
    RequestOptions.checkPatch(true, given("corpus", null, "maybe"));
    assertEquals(List.of("FieldValueRequired fieldManager"), causes(() -> RequestOptions.checkPatch(true,
        given(null, null, null))));
    assertEquals(List.of("FieldValueForbidden force"), causes(() -> RequestOptions.checkPatch(false,
        given(null, null, "true"))));
  }

  @Test
  void deleteOptions() {
    RequestOptions.checkDelete("Orphan", false, List.of());
    ApiException e = assertThrows(ApiException.class, () -> RequestOptions.checkDelete("Bogus", false, List.of()));
    assertEquals("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Bogus\":"
        + " supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"", e.getMessage());
    assertEquals(List.of("FieldValueInvalid propagationPolicy", "FieldValueNotSupported dryRun"),
        causes(() -> RequestOptions.checkDelete("Orphan", true, List.of("Bogus"))));
  }
}
