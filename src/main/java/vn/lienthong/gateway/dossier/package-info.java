/**
 * Dossiers (hồ sơ): intake from the one-stop software, routing to departments by procedure, department
 * status reports, and the dossier view. Depends on {@code catalog}, {@code contract}, {@code tracking},
 * {@code error}, {@code security} and {@code support}.
 */
package vn.lienthong.gateway.dossier;
