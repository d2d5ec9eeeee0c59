package io.logplane.api.nodeproxy;

import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import io.logplane.api.validation.FieldErrors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The query of {@code pods/{name}/log}, decoded (a 400 for a value that is not of its type) and
 * validated ({@code ValidatePodLogOptions}: a 422 naming {@code PodLogOptions}) as
 * kube-apiserver does; null for an option not given.
 */
public record PodLogOptions(String container, boolean follow, boolean previous, boolean timestamps,
    Long sinceSeconds, Instant sinceTime, Long tailLines, Long limitBytes) {

  /** The options of the query of a request for the log of pod {@code name}. */
  public static PodLogOptions parse(Query q, String name) {
    String container = q.get("container");
    PodLogOptions o = new PodLogOptions(container == null || container.isEmpty() ? null : container,
        q.option("follow"), q.option("previous"), q.option("timestamps"),
        integer(q, "sinceSeconds"), time(q, "sinceTime"), integer(q, "tailLines"),
        integer(q, "limitBytes"));
    FieldErrors errors = new FieldErrors();
    if (o.tailLines != null && o.tailLines < 0) {
      errors.invalid("tailLines", o.tailLines, "must be greater than or equal to 0");
    }
    if (o.limitBytes != null && o.limitBytes < 1) {
      errors.invalid("limitBytes", o.limitBytes, "must be greater than 0");
    }
    if (o.sinceSeconds != null && o.sinceTime != null) {
      errors.forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified");
    } else if (o.sinceSeconds != null && o.sinceSeconds < 1) {
      errors.invalid("sinceSeconds", o.sinceSeconds, "must be greater than 0");
    }
    if (!errors.isEmpty()) {
      throw errors.toException("", "PodLogOptions", name);
    }
    return o;
  }

  /**
   * The query of the node's {@code containerLogs}, as {@code LogLocation} writes it (keys in
   * order, as Go's {@code url.Values.Encode}); the container is in the path.
   */
  public String nodeQuery() {
    List<String> p = new ArrayList<>();
    if (follow) {
      p.add("follow=true");
    }
    if (limitBytes != null) {
      p.add("limitBytes=" + limitBytes);
    }
    if (previous) {
      p.add("previous=true");
    }
    if (sinceSeconds != null) {
      p.add("sinceSeconds=" + sinceSeconds);
    }
    if (sinceTime != null) {
      p.add("sinceTime=" + sinceTime.truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "%3A"));
    }
    if (tailLines != null) {
      p.add("tailLines=" + tailLines);
    }
    if (timestamps) {
      p.add("timestamps=true");
    }
    return String.join("&", p);
  }

  private static Long integer(Query q, String name) {
    String v = q.get(name);
    return v == null || v.isEmpty() ? null : q.integer(name, 0);
  }

  private static Instant time(Query q, String name) {
    String v = q.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw Query.invalid(name, v, "must be a time in RFC 3339 form");
    }
  }

  /**
   * The container whose log is read, as {@code validateContainer} picks it: the one named, which
   * the pod must have; else the pod's only container.
   */
  public static String container(String named, com.fasterxml.jackson.databind.JsonNode pod) {
    String podName = pod.path("metadata").path("name").asText();
    List<String> all = new ArrayList<>();
    for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      pod.path("spec").path(list).forEach(c -> all.add(c.path("name").asText()));
    }
    if (named != null) {
      if (!all.contains(named)) {
        throw ApiException.badRequest("container " + named + " is not valid for pod " + podName);
      }
      return named;
    }
    var containers = pod.path("spec").path("containers");
    if (containers.size() == 1) {
      return containers.get(0).path("name").asText();
    }
    if (containers.isEmpty()) {
      throw ApiException.badRequest("a container name must be specified for pod " + podName);
    }
    throw ApiException.badRequest("a container name must be specified for pod " + podName
        + ", choose one of: [" + String.join(" ", all) + "]");
  }
}
