/**
 * Tracking: every hop of every message becomes an event, published durably to the broker inside the
 * caller's JMS transaction and written to the database in batches, off the hot path.
 * Depends on {@code support}.
 */
package vn.lienthong.gateway.tracking;
