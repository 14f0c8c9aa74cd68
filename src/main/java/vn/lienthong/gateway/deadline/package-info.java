/**
 * Deadlines (thời hạn giải quyết): the appointments (ngày hẹn trả) that are dossiers' legal due dates, the
 * office-hour calendar of each agency (holidays, compensatory working days), the gateway's own due dates of dossiers
 * and steps, the supplement clock pause or restart, the early / on time / late classes of the national on-time
 * index, the overdue metric, the on-time report and the retention purge. Depends on {@code catalog} (procedure and
 * step processing times), {@code dossier} (status vocabulary only), {@code delivery} (dead-letter states, for
 * retention), {@code cluster} (only the leader purges) and {@code error}. {@code dossier} calls {@link vn.lienthong.gateway.deadline.Deadlines} when a revision
 * brings an appointment, when a step starts, when a status is applied, for the due date it syncs to the national
 * portal, and to show due dates in the dossier view.
 */
package vn.lienthong.gateway.deadline;
