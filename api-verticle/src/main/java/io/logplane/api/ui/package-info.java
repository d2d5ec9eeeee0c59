/**
 * The history web UI: a static page under {@code /ui/} (HTML, CSS and JavaScript in
 * {@code io/logplane/ui/} on the classpath, no build step, nothing loaded from the network) that
 * shows the audit timeline and each object's versions side by side with their diff.
 *
 * <p>The files are served without authentication because they hold no data: the page reads
 * the user's token from the URL fragment or a login box, keeps it in {@code sessionStorage},
 * and fetches everything through the ordinary API with it ({@code Authorization: Bearer} for
 * requests, the {@code base64url.bearer.authorization.k8s.io.} subprotocol for WebSocket
 * watches). Whatever the API redacts (Secret values) the page never sees.
 */
package io.logplane.api.ui;
