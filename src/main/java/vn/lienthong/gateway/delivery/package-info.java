/**
 * Delivery to connected systems: the messaging set-up (transactions, broker policies), the per-system
 * routes created from the templates in {@code routes/delivery/}, and the outcome of each hop.
 * Depends on {@code catalog}, {@code tracking}, {@code error}, {@code support} and {@code cluster} (whether this node
 * leads, and the broadcast of pauses and circuits to the other nodes).
 */
package vn.lienthong.gateway.delivery;
