package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FieldErrors' messages, quantities, label selectors and the dryRun option. */
class FrameworkTest {

  @Test
  void messagesAsKubeWritesThem() {
    FieldErrors e = new FieldErrors().required("a", null).required("b", "why").invalid("c", 5, "bad")
        .invalid("d", "x\"y", "bad").notSupported("e", "S", List.of("A", "B")).duplicate("f", "v")
        .forbidden("g", "no").tooLong("h", "", 10).tooMany("i", 5, 3).notFound("j", "v");
    assertEquals(List.of("Required value", "Required value: why", "Invalid value: 5: bad",
        "Invalid value: \"x\\\"y\": bad", "Unsupported value: \"S\": supported values: \"A\", \"B\"",
        "Duplicate value: \"v\"", "Forbidden: no", "Too long: must have at most 10 bytes",
        "Too many: 5: must have at most 3 items", "Not found: \"v\""),
        e.causes().stream().map(c -> c.message()).toList());
    assertEquals(List.of("FieldValueRequired", "FieldValueRequired", "FieldValueInvalid", "FieldValueInvalid",
        "FieldValueNotSupported", "FieldValueDuplicate", "FieldValueForbidden", "FieldValueTooLong",
        "FieldValueTooMany", "FieldValueNotFound"), e.causes().stream().map(c -> c.reason()).toList());
    assertEquals("Deployment.apps \"w\" is invalid: [a: Required value, b: Required value: why, c: Invalid value: 5:"
        + " bad, d: Invalid value: \"x\\\"y\": bad, e: Unsupported value: \"S\": supported values: \"A\", \"B\", f:"
        + " Duplicate value: \"v\", g: Forbidden: no, h: Too long: must have at most 10 bytes, i: Too many: 5: must"
        + " have at most 3 items, j: Not found: \"v\"]", e.toException("apps", "Deployment", "w").getMessage());
  }

  @Test
  void labelSelectors() {
    FieldErrors e = new FieldErrors();
    LabelSelectors.validate(Check.object("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\"},"
        + "{\"key\":\"b\",\"operator\":\"Exists\",\"values\":[\"x\"]},{\"key\":\"c\",\"operator\":\"Near\"}]}"),
        "spec.selector", e);
    assertEquals(List.of("spec.selector.matchExpressions[0].values",
        "spec.selector.matchExpressions[1].values", "spec.selector.matchExpressions[2].operator"),
        e.causes().stream().map(c -> c.field()).toList());
  }

  @Test
  void dryRunOnlyAll() {
    RequestOptions.checkDryRun("CreateOptions", List.of("All"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.logplane.api.http.ApiException.class,
        () -> RequestOptions.checkDryRun("CreateOptions", List.of("Bogus")));
    assertEquals(422, e.code());
    assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Bogus\"}:"
        + " supported values: \"All\"", e.getMessage());
  }
}
