package io.logplane.api.table;

import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The apiserver's default table for kinds without a printer of their own (Role, ClusterRole,
 * LimitRange, CustomResourceDefinition...): the name and the creation time in RFC 3339.
 */
final class DefaultPrinter implements Printer {

  private static final List<Column> COLUMNS =
      List.of(Column.nameColumn(), new Column("Created At", "date", "", Column.AGE_DOC, 0));
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(JsonNode object, long nowMillis) {
    Long created = Durations.parse(str(object, "metadata", "creationTimestamp"));
    // an unset time prints as Go's zero time, as kube does
    String at = created == null ? "0001-01-01T00:00:00Z"
        : RFC3339.format(Instant.ofEpochMilli(created).truncatedTo(ChronoUnit.SECONDS));
    return List.of(Cells.name(object), at);
  }
}
