package io.logplane.events;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a parsed JSON object in insertion order, in one array while there are few of
 * them (a Kubernetes object is mostly small objects: a container's resources, a condition, a
 * label set), in a {@link LinkedHashMap} beyond {@link #LINEAR}: Jackson's default map spends
 * an entry per field, a table and a view object on each. Not thread-safe, as the map it replaces.
 */
final class FieldMap<V> extends AbstractMap<String, V> {

  /** Fields kept in the array at most; a lookup scans them, as cheap as hashing at this size. */
  static final int LINEAR = 12;

  /** Keys at even indexes, their values after them; null once {@link #large} holds the fields. */
  private static final Object[] NONE = {};

  private Object[] slots = NONE;
  private int size;
  private Map<String, V> large;
  private int modifications;

  @Override
  public int size() {
    return large != null ? large.size() : size;
  }

  @Override
  public boolean containsKey(Object key) {
    return large != null ? large.containsKey(key) : indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    if (large != null) {
      return large.get(key);
    }
    int i = indexOf(key);
    return i < 0 ? null : (V) slots[i + 1];
  }

  @Override
  @SuppressWarnings("unchecked")
  public V put(String key, V value) {
    Objects.requireNonNull(key, "a JSON field has a name");
    if (large != null) {
      return large.put(key, value);
    }
    int i = indexOf(key);
    if (i >= 0) {
      V old = (V) slots[i + 1];
      slots[i + 1] = value;
      return old;
    }
    modifications++;
    if (size == LINEAR) {
      large = new LinkedHashMap<>(LINEAR * 4);
      for (int j = 0; j < 2 * size; j += 2) {
        large.put((String) slots[j], (V) slots[j + 1]);
      }
      slots = null;
      size = 0;
      return large.put(key, value);
    }
    if (2 * size == slots.length) {
      slots = Arrays.copyOf(slots, Math.max(8, slots.length * 2));
    }
    slots[2 * size] = key;
    slots[2 * size + 1] = value;
    size++;
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V remove(Object key) {
    if (large != null) {
      return large.remove(key);
    }
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    V old = (V) slots[i + 1];
    removeAt(i);
    return old;
  }

  @Override
  public void clear() {
    if (large != null) {
      large.clear();
      return;
    }
    modifications++;
    slots = NONE;
    size = 0;
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    if (large != null) {
      return large.entrySet();
    }
    // A view per call, not one kept per map: most objects are walked once, when written.
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        return large != null ? large.entrySet().iterator() : new Entries();
      }

      @Override
      public int size() {
        return FieldMap.this.size();
      }
    };
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
    Object[] s = slots;
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
    System.arraycopy(slots, i + 2, slots, i, 2 * size - i - 2);
    size--;
    slots[2 * size] = null;
    slots[2 * size + 1] = null;
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
      if (expected != modifications || large != null) {
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
      return (String) slots[at];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getValue() {
      return (V) slots[at + 1];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V setValue(V value) {
      if (version != modifications || large != null) {
        throw new ConcurrentModificationException();
      }
      V old = (V) slots[at + 1];
      slots[at + 1] = value;
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
