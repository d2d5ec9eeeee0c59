/**
 * End-to-end tests of the history web UI: an in-process cluster, objects written through the
 * API, and a real headless Chromium that loads the page, renders the timeline and an object's
 * versions, takes screenshots, and is driven over the DevTools protocol to see live updates.
 */
package io.logplane.tests.ui;
