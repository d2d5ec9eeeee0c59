package io.logplane.api.validation.flowcontrol;

import static io.logplane.api.validation.flowcontrol.FlowControlValidationTest.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.flowcontrol.Bootstrap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PriorityLevelConfiguration's rules, with kube-apiserver 1.28's words. */
class FlowControlPriorityLevelTest {

  private static List<String> level(String name, String spec) {
    return errors(new PriorityLevelValidator(), "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}");
  }

  /** A limited level "pl" that queues with the given queuing. */
  private static List<String> queuing(String queuing) {
    return level("pl", "{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":10,\"lendablePercent\":0,"
        + "\"limitResponse\":{\"type\":\"Queue\",\"queuing\":" + queuing + "}}}");
  }

  @Test
  void validLevelsPass() {
    assertEquals(List.of(), level("pl", "{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":10,"
        + "\"lendablePercent\":100,\"borrowingLimitPercent\":300,\"limitResponse\":{\"type\":\"Reject\"}}}"));
    assertEquals(List.of(), queuing("{\"queues\":64,\"handSize\":8,\"queueLengthLimit\":50}"));
    assertEquals(List.of(), level("exempt", "{\"type\":\"Exempt\",\"exempt\":{\"nominalConcurrencyShares\":50,"
        + "\"lendablePercent\":20}}"));
  }

  @Test
  void theTypeIsExemptExactlyForTheLevelNamedExempt() {
    assertEquals(List.of("spec.type: Invalid value: \"Exempt\": type must be 'Exempt' if and only if name is 'exempt'"),
        level("pl", "{\"type\":\"Exempt\"}"));
    assertEquals(List.of("spec.type: Unsupported value: \"Sometimes\": supported values: \"Exempt\", \"Limited\""),
        level("pl", "{\"type\":\"Sometimes\"}"));
    assertEquals(List.of("spec.type: Unsupported value: \"\": supported values: \"Exempt\", \"Limited\""),
        level("pl", "{}"));
  }

  @Test
  void aLimitedLevelHasLimitedOnly() {
    assertEquals(List.of("spec.exempt: Forbidden: must be nil if the type is Limited",
        "spec.limited: Required value: must not be empty when type is Limited"),
        level("pl", "{\"type\":\"Limited\",\"exempt\":{}}"));
  }

  @Test
  void sharesAndPercentsAreInRange() {
    assertEquals(List.of("spec.limited.nominalConcurrencyShares: Invalid value: -1: must be positive",
        "spec.limited.lendablePercent: Invalid value: 101: must be between 0 and 100, inclusive",
        "spec.limited.borrowingLimitPercent: Invalid value: -5: if specified, must be a non-negative integer"),
        level("pl", "{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":-1,\"lendablePercent\":101,"
            + "\"borrowingLimitPercent\":-5,\"limitResponse\":{\"type\":\"Reject\"}}}"));
  }

  @Test
  void theLimitResponseRejectsOrQueues() {
    assertEquals(List.of("spec.limited.limitResponse.type: Unsupported value: \"\": supported values: \"Queue\","
        + " \"Reject\""), level("pl", "{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":1}}"));
    assertEquals(List.of("spec.limited.limitResponse.queuing: Forbidden: must be nil if limited.limitResponse.type is"
        + " not Limited"), level("pl", "{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":1,"
        + "\"limitResponse\":{\"type\":\"Reject\",\"queuing\":{}}}}"));
    assertEquals(List.of("spec.limited.limitResponse.queuing: Required value: must not be empty if"
        + " limited.limitResponse.type is Limited"), level("pl", "{\"type\":\"Limited\",\"limited\":"
        + "{\"nominalConcurrencyShares\":1,\"limitResponse\":{\"type\":\"Queue\"}}}"));
  }

  @Test
  void queuingNeedsPositiveValuesAndAHandTheQueuesCanDeal() {
    String path = "spec.limited.limitResponse.queuing.";
    assertEquals(List.of(path + "queueLengthLimit: Invalid value: 0: must be positive",
        path + "queues: Invalid value: 0: must be positive", path + "handSize: Invalid value: 0: must be positive"),
        queuing("{}"));
    assertEquals(List.of(path + "queues: Invalid value: 10000001: must not be greater than 10000000"),
        queuing("{\"queues\":10000001,\"handSize\":1,\"queueLengthLimit\":1}"));
    assertEquals(List.of(path + "handSize: Invalid value: 9: should not be greater than queues (8)"),
        queuing("{\"queues\":8,\"handSize\":9,\"queueLengthLimit\":1}"));
    assertEquals(List.of(path + "handSize: Invalid value: 9: required entropy bits of deckSize 128 and handSize 9"
        + " should not be greater than 60"), queuing("{\"queues\":128,\"handSize\":9,\"queueLengthLimit\":1}"));
    assertEquals(List.of(), queuing("{\"queues\":64,\"handSize\":10,\"queueLengthLimit\":1}"), "exactly 60 bits");
    assertEquals(List.of(path + "handSize: Invalid value: 11: required entropy bits of deckSize 64 and handSize 11"
        + " should not be greater than 60"), queuing("{\"queues\":64,\"handSize\":11,\"queueLengthLimit\":1}"));
  }

  @Test
  void entropyIsCountedAsGoCountsIt() {
    assertEquals(60, PriorityLevelValidator.requiredEntropyBits(64, 10));
    assertEquals(63, PriorityLevelValidator.requiredEntropyBits(128, 9));
    assertEquals(16, PriorityLevelValidator.requiredEntropyBits(16, 4));
    assertEquals(20, PriorityLevelValidator.requiredEntropyBits(10, 6)); // ceil(3.3219... * 6)
    for (int e = 0; e < 40; e++) {
      assertEquals(e, PriorityLevelValidator.log2(Math.pow(2, e)));
    }
  }

  @Test
  void anExemptLevelHasNonNegativeSharesAndAPercentInRange() {
    assertEquals(List.of("spec.exempt.nominalConcurrencyShares: Invalid value: -1: must be a non-negative integer",
        "spec.exempt.lendablePercent: Invalid value: -2: must be between 0 and 100, inclusive"),
        level("exempt", "{\"type\":\"Exempt\",\"exempt\":{\"nominalConcurrencyShares\":-1,\"lendablePercent\":-2}}"));
    assertEquals(List.of("spec.exempt.lendablePercent: Invalid value: 101: must be between 0 and 100, inclusive"),
        level("exempt", "{\"type\":\"Exempt\",\"exempt\":{\"lendablePercent\":101}}"));
  }

  @Test
  void theMandatoryLevelsKeepTheirSpecButExemptsExemptField() {
    assertEquals(List.of(), errors(new PriorityLevelValidator(),
        Bootstrap.mandatoryPriorityLevelConfiguration("exempt").orElseThrow().toString()));
    assertEquals(List.of(), level("exempt", "{\"type\":\"Exempt\",\"exempt\":{\"nominalConcurrencyShares\":7}}"));
    assertEquals(List.of(), level("exempt", "{\"type\":\"Exempt\"}"));
    ObjectNode catchAll = Bootstrap.mandatoryPriorityLevelConfiguration("catch-all").orElseThrow();
    assertEquals(List.of(), errors(new PriorityLevelValidator(), catchAll.toString()));
    ((ObjectNode) catchAll.path("spec").path("limited")).put("nominalConcurrencyShares", 6);
    assertEquals(List.of("spec: Invalid value: flowcontrol.PriorityLevelConfigurationSpec{Type:\"Limited\","
        + " Limited:(*flowcontrol.LimitedPriorityLevelConfiguration)(0xc000000000),"
        + " Exempt:(*flowcontrol.ExemptPriorityLevelConfiguration)(nil)}: spec of 'catch-all' must equal the fixed"
        + " value"), errors(new PriorityLevelValidator(), catchAll.toString()));
    ((ObjectNode) catchAll.path("spec").path("limited")).put("nominalConcurrencyShares", 5).remove("lendablePercent");
    assertEquals(1, errors(new PriorityLevelValidator(), catchAll.toString()).size(), "a nil pointer is not 0");
    List<String> limitedExempt = level("exempt", "{\"type\":\"Exempt\",\"limited\":{},\"exempt\":{}}");
    assertEquals(List.of("spec.limited: Forbidden: must be nil if the type is not Limited",
        "spec: Invalid value: flowcontrol.PriorityLevelConfigurationSpec{Type:\"Exempt\","
            + " Limited:(*flowcontrol.LimitedPriorityLevelConfiguration)(0xc000000000),"
            + " Exempt:(*flowcontrol.ExemptPriorityLevelConfiguration)(0xc000000000)}: spec of 'exempt' except the"
            + " 'spec.exempt' field must equal the fixed value"), limitedExempt);
  }

  @Test
  void statusConditionsHaveDistinctTypes() {
    assertEquals(List.of("status.conditions[1].type: Duplicate value: \"ConcurrencyShared\""),
        errors(new PriorityLevelValidator(), "{\"metadata\":{\"name\":\"pl\"},\"spec\":{\"type\":\"Limited\","
            + "\"limited\":{\"nominalConcurrencyShares\":1,\"limitResponse\":{\"type\":\"Reject\"}}},"
            + "\"status\":{\"conditions\":[{\"type\":\"ConcurrencyShared\"},{\"type\":\"ConcurrencyShared\"}]}}"));
  }
}
