/**
 * The node lifecycle controller: a node whose Lease goes unrenewed is marked unknown and
 * tainted unreachable (its pods not ready), a node that reports not ready is tainted so, and
 * pods that do not tolerate a node's NoExecute taints are evicted once their toleration ends.
 */
package io.logplane.controllers.nodelifecycle;
