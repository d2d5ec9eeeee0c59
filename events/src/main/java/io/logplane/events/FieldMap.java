package io.logplane.events;

import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The fields of a parsed JSON object in insertion order, in one array while there are few of
 * them (a Kubernetes object is mostly small objects: a container's resources, a condition, a
 * label set), in a {@link LinkedHashMap} beyond {@link #LINEAR}: Jackson's default map spends
 * an entry per field, a table and a view object on each. Not thread-safe, as the map it replaces.
 *
 * <p>It is most of what the informers hold (a pod is some 27 of them), so it is kept small: 24
 * bytes with compressed references, one field for the array or the map (not {@code AbstractMap}'s
 * two cached views besides), and an array grown a field or two at a time while small, since
 * nearly half of a pod's objects have one or two fields (a label set, a resource's requests).
 */
final class FieldMap<V> implements Map<String, V> {

  /** Fields kept in the array at most; a lookup scans them, as cheap as hashing at this size. */
  static final int LINEAR = 12;

  private static final Object[] NONE = {};

  /** Keys at even indexes, their values after them; or, beyond {@link #LINEAR} fields, the map. */
  private Object store = NONE;
  private int size;
  private int modifications;

  @SuppressWarnings("unchecked")
  private Map<String, V> large() {
    return store instanceof Map<?, ?> m ? (Map<String, V>) m : null;
  }

  private Object[] slots() {
    return (Object[]) store;
  }

  @Override
  public int size() {
    Map<String, V> large = large();
    return large != null ? large.size() : size;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    Map<String, V> large = large();
    return large != null ? large.containsKey(key) : indexOf(key) >= 0;
  }

  @Override
  public boolean containsValue(Object value) {
    Map<String, V> large = large();
    if (large != null) {
      return large.containsValue(value);
    }
    Object[] s = slots();
    for (int i = 1; i < 2 * size; i += 2) {
      if (Objects.equals(value, s[i])) {
        return true;
      }
    }
    return false;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    Map<String, V> large = large();
    if (large != null) {
      return large.get(key);
    }
    int i = indexOf(key);
    return i < 0 ? null : (V) slots()[i + 1];
  }

  @Override
  @SuppressWarnings("unchecked")
  public V put(String key, V value) {
    Objects.requireNonNull(key, "a JSON field has a name");
    Map<String, V> large = large();
    if (large != null) {
      return large.put(key, value);
    }
    int i = indexOf(key);
    Object[] s = slots();
    if (i >= 0) {
      V old = (V) s[i + 1];
      s[i + 1] = value;
      return old;
    }
    modifications++;
    if (size == LINEAR) {
      large = new LinkedHashMap<>(LINEAR * 4);
      for (int j = 0; j < 2 * size; j += 2) {
        large.put((String) s[j], (V) s[j + 1]);
      }
      store = large;
      size = 0;
      return large.put(key, value);
    }
    if (2 * size == s.length) {
      s = Arrays.copyOf(s, 2 * grown(size));
      store = s;
    }
    s[2 * size] = key;
    s[2 * size + 1] = value;
    size++;
    return null;
  }

  /** The fields an array holding {@code full} fields grows to: 1, 2, 4, 6, 9, then {@link #LINEAR}. */
  static int grown(int full) {
    return Math.min(LINEAR, full == 0 ? 1 : full < 4 ? 2 * full : full + full / 2);
  }

  @Override
  public void putAll(Map<? extends String, ? extends V> m) {
    for (Map.Entry<? extends String, ? extends V> e : m.entrySet()) {
      put(e.getKey(), e.getValue());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public V remove(Object key) {
    Map<String, V> large = large();
    if (large != null) {
      return large.remove(key);
    }
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    V old = (V) slots()[i + 1];
    removeAt(i);
    return old;
  }

  @Override
  public void clear() {
    Map<String, V> large = large();
    if (large != null) {
      large.clear();
      return;
    }
    modifications++;
    store = NONE;
    size = 0;
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    Map<String, V> large = large();
    if (large != null) {
      return large.entrySet();
    }
    // A view per call, not one kept per map: most objects are walked once, when written.
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        Map<String, V> now = large();
        return now != null ? now.entrySet().iterator() : new Entries();
      }

      @Override
      public int size() {
        return FieldMap.this.size();
      }
    };
  }

  @Override
  public Set<String> keySet() {
    Map<String, V> large = large();
    if (large != null) {
      return large.keySet();
    }
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Mapped<>(entrySet().iterator(), Map.Entry::getKey);
      }

      @Override
      public int size() {
        return FieldMap.this.size();
      }

      @Override
      public boolean contains(Object key) {
        return containsKey(key);
      }
    };
  }

  @Override
  public Collection<V> values() {
    Map<String, V> large = large();
    if (large != null) {
      return large.values();
    }
    return new AbstractCollection<>() {
      @Override
      public Iterator<V> iterator() {
        return new Mapped<>(entrySet().iterator(), Map.Entry::getValue);
      }

      @Override
      public int size() {
        return FieldMap.this.size();
      }
    };
  }

  /** The keys or the values of the entries, removing through them. */
  private record Mapped<E, T>(Iterator<E> entries, Function<E, T> part) implements Iterator<T> {
    @Override
    public boolean hasNext() {
      return entries.hasNext();
    }

    @Override
    public T next() {
      return part.apply(entries.next());
    }

    @Override
    public void remove() {
      entries.remove();
    }
  }

  /** As {@link java.util.AbstractMap}'s: the same mappings whatever the order; the entries' hashes summed. */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> m) || m.size() != size()) {
      return false;
    }
    for (Map.Entry<String, V> e : entrySet()) {
      V value = e.getValue();
      Object other = m.get(e.getKey());
      if (value == null ? other != null || !m.containsKey(e.getKey()) : !value.equals(other)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, V> e : entrySet()) {
      h += Objects.hashCode(e.getKey()) ^ Objects.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ", "{", "}");
    for (Map.Entry<String, V> e : entrySet()) {
      out.add(e.getKey() + "=" + (e.getValue() == this ? "(this Map)" : e.getValue()));
    }
    return out.toString();
  }

  /**
   * One pass: the same instance (the parser hands out one per field name, and code looks fields
   * up by interned literals), else an equal string, compared only where the cached hashes agree.
   * Most calls miss (each field a parser puts), and a miss compares hashes, not characters.
   */
  private int indexOf(Object key) {
    if (!(key instanceof String k)) {
      return -1;
    }
    int hash = k.hashCode();
    Object[] s = slots();
    for (int i = 0; i < 2 * size; i += 2) {
      Object field = s[i];
      if (field == k || field.hashCode() == hash && k.equals(field)) {
        return i;
      }
    }
    return -1;
  }

  private void removeAt(int i) {
    modifications++;
    Object[] s = slots();
    System.arraycopy(s, i + 2, s, i, 2 * size - i - 2);
    size--;
    s[2 * size] = null;
    s[2 * size + 1] = null;
  }

  /** Walks the array; an entry's setValue writes through, remove takes the last one returned. */
  private final class Entries implements Iterator<Map.Entry<String, V>> {
    private int next;
    private int last = -1;
    private int expected = modifications;

    @Override
    public boolean hasNext() {
      return next < 2 * size;
    }

    @Override
    public Map.Entry<String, V> next() {
      if (expected != modifications || large() != null) {
        throw new ConcurrentModificationException();
      }
      if (next >= 2 * size) {
        throw new NoSuchElementException();
      }
      last = next;
      next += 2;
      return new Field(last);
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException();
      }
      if (expected != modifications) {
        throw new ConcurrentModificationException();
      }
      removeAt(last);
      next = last;
      last = -1;
      expected = modifications;
    }
  }

  private final class Field implements Map.Entry<String, V> {
    private final int at;
    private final int version = modifications;

    Field(int at) {
      this.at = at;
    }

    @Override
    public String getKey() {
      return (String) slots()[at];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getValue() {
      return (V) slots()[at + 1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V setValue(V value) {
      if (version != modifications || large() != null) {
        throw new ConcurrentModificationException();
      }
      V old = (V) slots()[at + 1];
      slots()[at + 1] = value;
      return old;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Map.Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
          && Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return getKey() + "=" + getValue();
    }
  }
}
