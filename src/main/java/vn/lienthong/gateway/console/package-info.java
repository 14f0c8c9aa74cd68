/**
 * The operator console (bảng điều khiển vận hành) at {@code /console/}: server-rendered Thymeleaf pages with htmx
 * and Chart.js from WebJars, in Vietnamese by default and English on request. It shows and acts through the
 * services of the other packages and holds no business rule of its own: {@code delivery} (dead letters, replay,
 * systems), {@code tracking} (messages, timelines), {@code dossier} (the dossier view), {@code document} (edXML
 * documents, when the national axis is on), {@code deadline} (due dates, on-time report), {@code audit}, {@code
 * security} (roles, personal-data masking) and {@code error}. Nothing depends on this package.
 */
package vn.lienthong.gateway.console;
