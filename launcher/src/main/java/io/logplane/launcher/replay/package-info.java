/**
 * {@code logplane replay} and {@code logplane bench-history}: rebuild a projection of the log
 * up to a past resourceVersion or time into a fresh store, fast (a pipeline: Kafka fetch,
 * parallel decode, single-threaded apply in offset order, bulk RocksDB writes), and serve it
 * read-only to kubectl; measure replay rate, exact past lists and history queries.
 */
package io.logplane.launcher.replay;
