package io.logplane.api.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;

/** STUB until the patch branch lands. */
public final class ServerSideApply {
  public static ObjectNode apply(ObjectNode current, byte[] body, String fieldManager, boolean force,
      ResourceType resource, String time) {
    throw new UnsupportedOperationException();
  }
}
