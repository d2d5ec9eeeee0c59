/** The DNS's parts: the cluster zone's answers over the informers, the wire handling, forwarding. */
package io.logplane.dns.internal;
