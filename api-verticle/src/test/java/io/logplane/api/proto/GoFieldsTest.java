package io.logplane.api.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds the hand-written Go tables to the descriptors, and the JSON names the codec produces to
 * the fabric8 model's {@code @JsonProperty} names for every built-in kind.
 */
class GoFieldsTest {

  private static final String[] OUTER = {"Meta", "V1", "V1Apps", "V1Batch", "V1Networking",
      "V1Discovery", "V1Rbac", "V1Storage", "V1Coordination", "V2Autoscaling", "V1Policy",
      "V1Events", "V1Apiextensions", "V1Admissionregistration", "V1Authentication"};

  // Fields of the bundled protobuf classes that fabric8 7.9.0 models differently (API skew).
  private static final Set<String> SKEW = Set.of("NodeAllocatableResourceClaimStatus.resources");

  @Test
  void everyTableEntryNamesARealFieldAndZerosAreScalars() throws Exception {
    Set<String> fields = new HashSet<>();
    for (String outer : OUTER) {
      FileDescriptor file = (FileDescriptor) Class.forName("io.kubernetes.client.proto." + outer)
          .getMethod("getDescriptor").invoke(null);
      for (Descriptor d : file.getMessageTypes()) {
        for (FieldDescriptor f : d.getFields()) {
          fields.add(d.getName() + "." + f.getName());
          if (GoFields.keepsZero(d.getName(), f.getName())) {
            assertFalse(f.isRepeated() || f.getJavaType() == FieldDescriptor.JavaType.MESSAGE,
                d.getName() + "." + f.getName() + " is not a scalar");
          }
          if (GoFields.inline(d.getName(), f.getName())) {
            assertEquals(FieldDescriptor.JavaType.MESSAGE, f.getJavaType());
          }
        }
      }
    }
    Set<String> unknown = new TreeSet<>(GoFields.keys());
    unknown.removeAll(fields);
    assertEquals(Set.of(), unknown);
  }

  @Test
  void jsonNamesMatchTheFabric8ModelForEveryBuiltinKind() throws Exception {
    List<String> mismatches = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ResourceType r : BuiltinResources.all()) {
      Descriptor d = ProtoKinds.descriptor(r.apiVersion(), r.kind()).orElseThrow();
      walk(d, Class.forName(r.modelClass()), seen, mismatches);
    }
    assertEquals(List.of(), mismatches);
    assertTrue(seen.size() > 300, "walked " + seen.size() + " messages");
  }

  private static void walk(Descriptor d, Class<?> model, Set<String> seen, List<String> out) {
    if (!seen.add(d.getFullName() + "@" + model.getName())) {
      return;
    }
    for (FieldDescriptor f : d.getFields()) {
      String key = d.getName() + "." + f.getName();
      boolean message = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField();
      if (message && GoFields.inline(d.getName(), f.getName())) {
        walk(f.getMessageType(), model, seen, out);
        continue;
      }
      Field property = property(model, GoFields.jsonName(d.getName(), f.getName()));
      if (property == null) {
        if (!SKEW.contains(key)) {
          out.add(key + " has no JSON property in " + model.getName());
        }
      } else if (message && !special(f.getMessageType())) {
        walk(f.getMessageType(), elementType(property), seen, out);
      }
    }
  }

  private static boolean special(Descriptor d) {
    return d.getFullName().startsWith("k8s.io.apimachinery.pkg.") && !d.getFullName().startsWith(
        SpecialTypes.META) || d.getFullName().equals(SpecialTypes.TIME)
        || d.getFullName().equals(SpecialTypes.MICRO_TIME)
        || d.getFullName().equals(SpecialTypes.FIELDS_V1) || d.getName().startsWith("JSON");
  }

  private static Field property(Class<?> model, String json) {
    for (Class<?> c = model; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        if (p != null && p.value().equals(json)) {
          return f;
        }
      }
    }
    return null;
  }

  private static Class<?> elementType(Field f) {
    Type t = f.getGenericType();
    while (t instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      t = args[args.length - 1];
    }
    return (Class<?>) t;
  }
}
