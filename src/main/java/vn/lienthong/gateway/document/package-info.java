/**
 * The national document axis (trục liên thông văn bản quốc gia) in the running gateway: the axis connector
 * (HMAC-signed send, list, get and acknowledge; polling), the incoming flow (signature check and policy,
 * delivery to the document office, status 01 at once, the office's statuses relayed as edXML), the
 * outgoing flow (packages built, checked and signed for the agency, receivers' statuses tracked), and the
 * documents API. Routes are in {@code routes/national-axis/} and {@code routes/doc-office/}.
 * Depends on {@code edxml}, {@code signature}, {@code catalog}, {@code contract}, {@code delivery},
 * {@code tracking}, {@code error}, {@code web}, {@code security} and {@code support}.
 */
package vn.lienthong.gateway.document;
