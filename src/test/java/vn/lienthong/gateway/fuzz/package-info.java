/**
 * Fuzz tests (Jazzer) of what reads untrusted bytes: the edXML parser, the dossier validation and the status-file
 * reader. In an ordinary build each replays its seeds and earlier findings (src/test/resources/.../*Inputs/);
 * with {@code JAZZER_FUZZ=1} it fuzzes for its {@code maxDuration}.
 */
package vn.lienthong.gateway.fuzz;
