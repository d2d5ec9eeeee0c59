package io.logplane.projections;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB options of a {@link RocksStore}, with the native objects they hold (the block
 * cache, the Bloom filter), closed with the store.
 *
 * <ul>
 *   <li>Bloom filters on the files and the memtable: a create asks for keys that do not exist
 *       (its name, generateName candidates), which without them costs a search of every level.
 *   <li>A block cache of {@link #CACHE_BYTES}: RocksDB's default of 8 MiB held less than one
 *       namespace of 8,000 pods (15 MB of JSON), so every list of it read and decompressed each
 *       block again: 20-22 ms of a 31-36 ms list, 10-13 ms with this cache (README). It holds
 *       what reads bring in, so an idle server does not fill it.
 *   <li>No write-ahead log: the Kafka log is the store's. A crash loses the memtable, whose
 *       batches carry their applied offset, so the store reopens at an earlier applied offset (a
 *       prefix of the log, as flushed) and the projection applies the rest again.
 * </ul>
 */
final class StoreOptions implements AutoCloseable {

  /** The block cache's capacity. */
  static final long CACHE_BYTES = 64L << 20;

  final Options options;
  final WriteOptions write;
  private final LRUCache cache;
  private final BloomFilter filter;

  private StoreOptions(Options options, WriteOptions write, LRUCache cache, BloomFilter filter) {
    this.options = options;
    this.write = write;
    this.cache = cache;
    this.filter = filter;
  }

  /**
   * A live server's: memtables of 16 MiB (RocksDB's default is two of 64 MiB), since they are
   * resident memory of the server and the store's working set is small beside the log's history.
   */
  static StoreOptions live() {
    StoreOptions o = lookups();
    o.options.setWriteBufferSize(16L << 20);
    return o;
  }

  /**
   * A bulk rebuild's: large memtables, no compaction until the store is flushed (the files a
   * rebuild writes are sorted runs already; compacting them as they come would write them again
   * several times), background work on every core.
   */
  static StoreOptions rebuild() {
    StoreOptions o = lookups();
    o.options.setWriteBufferSize(256L << 20).setMaxWriteBufferNumber(4)
        .setDisableAutoCompactions(true).setLevel0SlowdownWritesTrigger(1 << 20)
        .setLevel0StopWritesTrigger(1 << 20)
        .setTargetFileSizeBase(128L << 20).setMaxBytesForLevelBase(1L << 30);
    o.options.setIncreaseParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
    o.write.setSync(false);
    return o;
  }

  private static StoreOptions lookups() {
    LRUCache cache = new LRUCache(CACHE_BYTES);
    BloomFilter filter = new BloomFilter(10, false);
    Options options = new Options().setCreateIfMissing(true)
        .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(filter).setBlockCache(cache))
        .setMemtablePrefixBloomSizeRatio(0.05).setMemtableWholeKeyFiltering(true);
    return new StoreOptions(options, new WriteOptions().setDisableWAL(true), cache, filter);
  }

  @Override
  public void close() {
    options.close();
    write.close();
    cache.close();
    filter.close();
  }
}
