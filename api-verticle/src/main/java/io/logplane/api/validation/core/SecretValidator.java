package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.internal.GoJson;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A Secret as ValidateSecret checks it: keys valid config keys, at most 1 MiB of data, and the
 * keys each type requires (tls, dockerconfigjson with valid JSON, basic-auth, ssh-auth, the
 * service account annotation of a token). Its type is immutable, and so is the data of an
 * immutable one. Data is already known to be base64 here (decoding refused it otherwise).
 */
final class SecretValidator implements KindValidator {

  static final int MAX_SIZE = 1024 * 1024;

  @Override
  public void validate(ObjectNode secret, FieldErrors errors) {
    JsonNode data = secret.path("data");
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      Names.check(Names.isConfigMapKey(e.getKey()), "data[" + e.getKey() + "]", e.getKey(), errors);
      size += ConfigMapValidator.decodedLength(e.getValue());
    }
    if (size > MAX_SIZE) {
      errors.tooLong("data", "", MAX_SIZE);
    }
    switch (secret.path("type").asText("")) {
      case "kubernetes.io/service-account-token" -> {
        if (secret.path("metadata").path("annotations").path("kubernetes.io/service-account.name").asText("")
            .isEmpty()) {
          errors.required("metadata.annotations[kubernetes.io/service-account.name]", null);
        }
      }
      case "kubernetes.io/dockercfg" -> json(data, ".dockercfg", errors);
      case "kubernetes.io/dockerconfigjson" -> json(data, ".dockerconfigjson", errors);
      case "kubernetes.io/basic-auth" -> {
        if (!data.has("username") && !data.has("password")) {
          errors.required("data[username]", null);
          errors.required("data[password]", null);
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (decoded(data.path("ssh-privatekey")).length == 0) {
          errors.required("data[ssh-privatekey]", null);
        }
      }
      case "kubernetes.io/tls" -> {
        if (!data.has("tls.crt")) {
          errors.required("data[tls.crt]", null);
        }
        if (!data.has("tls.key")) {
          errors.required("data[tls.key]", null);
        }
      }
      default -> { }
    }
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode secret, FieldErrors errors) {
    JsonNode oldType = old.path("type");
    JsonNode type = secret.path("type");
    if (!oldType.asText("").equals(type.asText(""))) {
      errors.invalid("type", type.asText(""), "field is immutable");
    }
    Immutables.check(old, secret, errors, "data");
  }

  private static void json(JsonNode data, String key, FieldErrors errors) {
    if (!data.has(key)) {
      errors.required("data[" + key + "]", null);
      return;
    }
    Optional<String> error = GoJson.unmarshalObjectError(decoded(data.get(key)));
    error.ifPresent(e -> errors.invalid("data[" + key + "]", "<secret contents redacted>", e));
  }

  private static byte[] decoded(JsonNode v) {
    try {
      return v.isTextual() ? Base64.getMimeDecoder().decode(v.textValue()) : new byte[0];
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
