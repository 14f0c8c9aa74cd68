/**
 * edXML codec (QCVN 102:2016): the model of document packages and status messages exchanged on
 * the national document axis (trục liên thông văn bản quốc gia), a hardened streaming parser, a
 * writer, the XSD check and the business validation rules.
 *
 * <p>This package is a plain library: it depends on nothing else in the gateway but {@code support}
 * (the one XML hardening, {@code SecureXml}) and on no Spring
 * or Camel type, so routes and beans elsewhere can use it without this package knowing them.
 */
package vn.lienthong.gateway.edxml;
