/** End-to-end tests of {@code logplane replay}: a real cluster's log replayed and served read-only. */
package io.logplane.tests.replay;
