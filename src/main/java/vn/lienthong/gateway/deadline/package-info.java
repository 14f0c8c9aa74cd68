/**
 * Deadlines (thời hạn giải quyết): the working-day calendar, the due dates and on-time flags of dossiers and
 * their steps, the supplement clock pause, the overdue metric, the on-time report and the retention purge.
 * Depends on {@code catalog} (procedure and step days), {@code dossier} (status vocabulary only),
 * {@code delivery} (dead-letter states, for retention) and {@code error}. {@code dossier} calls
 * {@link vn.lienthong.gateway.deadline.Deadlines} when a step starts, when a status is applied, and to show
 * due dates in the dossier view.
 */
package vn.lienthong.gateway.deadline;
