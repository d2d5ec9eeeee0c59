/**
 * The scheduler's parts: the scheduling queue (active, backoff, unschedulable), the cache of
 * nodes with the pods bound or assumed on them, pods and nodes parsed once into what the
 * plugins read, the failure message and the event recorder.
 */
package io.logplane.scheduler.internal;
