package io.logplane.projections.rebuild;

import java.util.List;

/** Undecoded records of the log, in offset order, from the offset it was opened at. */
public interface RawSource extends AutoCloseable {

  /** One undecoded record. */
  record Raw(long offset, byte[] value) {}

  /** The next records (possibly none after a short wait). */
  List<Raw> poll();

  @Override
  void close();
}
