package io.logplane.api.openapi;

import io.logplane.api.resources.ResourceType;
import java.util.List;
import java.util.Optional;

/** STUB until the openapi branch lands. */
public final class OpenApi {
  public OpenApi(List<ResourceType> types) {}

  public byte[] v3Root() {
    return "{\"paths\":{}}".getBytes();
  }

  public Optional<byte[]> v3Group(String path) {
    return Optional.empty();
  }

  public byte[] v2() {
    return "{}".getBytes();
  }
}
