/**
 * How {@link io.logplane.kubeclient.KubeClient} uses its connections: which one a stream goes
 * to and when another is opened ({@code Connections}), and a streamed response body cut into
 * lines and handed to a {@link java.util.concurrent.Flow.Subscriber} at its demand
 * ({@code LineSubscription}, {@code LineSplitter}).
 */
package io.logplane.kubeclient.internal;
