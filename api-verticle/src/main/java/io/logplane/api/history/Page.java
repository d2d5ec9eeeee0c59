package io.logplane.api.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of a history list.
 *
 * @param resourceVersion the applied offset the page was read at
 * @param items           the items, oldest first
 * @param continueToken   where the next page starts, or null when the list is complete
 */
public record Page(long resourceVersion, List<ObjectNode> items, String continueToken) {}
