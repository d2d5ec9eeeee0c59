package io.logplane.projections.internal;

import io.logplane.projections.ChangeSet;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/** A store's whole contents as change sets, for a changelog that has to start over from them. */
public final class StoreContents {

  private StoreContents() {}

  /**
   * The contents of {@code db} as they are now (it has applied up to {@code applied}), as change
   * sets covering {@code 0..applied} in parts of about {@code partBytes}, each but the last saying
   * more follow, in key order. The view is taken now; the parts are made and handed to
   * {@code out} when the returned task runs, on any thread, whatever is committed meanwhile.
   */
  public static Runnable asChangeSets(RocksDB db, long applied, int partBytes, Consumer<byte[]> out) {
    Snapshot view = db.getSnapshot();
    return () -> {
      try (ReadOptions read = new ReadOptions().setSnapshot(view); RocksIterator it = db.newIterator(read)) {
        SortedBatch part = new SortedBatch();
        int number = 0;
        long bytes = 0;
        for (it.seekToFirst(); it.isValid(); it.next()) {
          byte[] k = it.key();
          byte[] v = it.value();
          if (bytes > 0 && bytes + k.length + v.length > partBytes) {
            out.accept(ChangeSet.encode(0, applied, part, number++, true));
            part = new SortedBatch();
            bytes = 0;
          }
          part.put(k, v);
          bytes += k.length + v.length;
        }
        out.accept(ChangeSet.encode(0, applied, part, number, false));
      } finally {
        db.releaseSnapshot(view);
      }
    };
  }
}
