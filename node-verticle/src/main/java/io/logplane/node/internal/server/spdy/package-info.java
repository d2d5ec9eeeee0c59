/**
 * SPDY/3.1 sessions as Kubernetes' streaming protocols use them ({@code pods/portforward}, and
 * {@code pods/exec} and {@code attach} over SPDY): the server end of a session of streams opened
 * by the client, over any transport of bytes (an upgraded HTTP/1.1 connection, or the binary
 * messages of a WebSocket that tunnels SPDY). Frames are read and written by Netty's SPDY codec;
 * there is no flow control, as the Go side ({@code spdystream}) has none.
 */
package io.logplane.node.internal.server.spdy;
