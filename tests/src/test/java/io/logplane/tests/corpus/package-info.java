/**
 * The validation corpus: requests per kind, valid and invalid, with kube-apiserver's answers
 * stored beside them (under {@code src/test/resources/validation-corpus}). {@link Corpus} reads
 * the cases, {@link Runner} sends one to a server and reduces its answer to an {@link Answer}
 * (status code, Status reason, field causes), {@link RecordReference} writes a server's answers
 * as the expected ones, and {@link KnownDifferences} lists the cases where Logplane still
 * answers otherwise, with why.
 */
package io.logplane.tests.corpus;
