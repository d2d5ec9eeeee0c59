/**
 * A linearizability checker for histories of compare-and-set operations on Kubernetes objects,
 * so the fault tests can say "0 anomalies" about what several clients saw while servers were
 * killed, rather than only that the last state looks right.
 *
 * <p>Clients record each call with a {@link HistoryRecorder} (GET, then PUT with the
 * resourceVersion it read; creates and deletes); {@link LinearizabilityChecker} splits the
 * history by object key (P-compositionality, as Porcupine does) and runs the Wing–Gong search with
 * Lowe's memoization against a register model of one object: absent, or a value at a
 * resourceVersion. The verdict is a {@link Result}: linearizable; not, with the key, the longest
 * linearizable prefix found and the operations that could not be placed after it; or unknown when
 * the search ran out of time.
 *
 * <p>An operation whose outcome the client never learned (a timeout, a reset connection) may have
 * taken effect at any point after its call, or not at all: the search may place it anywhere after
 * its call or leave it out, and a write of it that a later GET shows is accepted at whatever
 * resourceVersion that GET shows (if no answered write got that one). Each one still pending
 * multiplies what the search must rule out on a failing history; a window (the longest a request
 * can take to take effect) bounds that.
 *
 * <p>The unit tests state histories in a text form, one operation per line as
 * {@link Operation#toString()} prints it, and draw large valid ones from a seeded simulation of a
 * linearizable server, which they then corrupt by one answer to see the checker fail.
 */
package io.logplane.tests.cluster.linearizability;
