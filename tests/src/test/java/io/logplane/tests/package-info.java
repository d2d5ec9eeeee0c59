/**
 * End-to-end tests: one real Logplane (embedded Kafka, RocksDB projection, HTTPS API) per test
 * class, driven by real clients — the kubectl binary, raw HTTPS requests, client certificates.
 * Classes are named {@code *IT} and run under failsafe.
 */
package io.logplane.tests;
