/**
 * The nftables tables a node keeps in step with API objects: the objects as watches deliver them
 * ({@code WatchedObjects}), a table's wanted chains, sets and map elements and the script that
 * gets the kernel there from the previous sync ({@code RuleSet}, pure), and the loop that runs
 * one {@code nft -f} transaction per burst of changes and removes the table at the end
 * ({@code TableSync}). The service proxy and the network policies each own one table.
 */
package io.logplane.node.internal.nft;
