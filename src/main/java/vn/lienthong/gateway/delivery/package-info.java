/**
 * Delivery to connected systems: the messaging set-up (transactions, broker policies), the per-system
 * routes created from the templates in {@code routes/delivery/}, and the outcome of each hop.
 * Depends on {@code catalog}, {@code tracking}, {@code error} and {@code support}.
 */
package vn.lienthong.gateway.delivery;
