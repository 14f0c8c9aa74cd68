package vn.lienthong.gateway.catalog;

/**
 * Where a SOAP department's contract lives and which operation receives a dossier.
 *
 * @param wsdl      path of the WSDL, relative to the working directory (normally under {@code schemas/wsdl/})
 * @param service   service QName in {@code {namespace}local} form
 * @param port      port QName in {@code {namespace}local} form
 * @param operation operation that receives a dossier
 */
public record SoapBinding(String wsdl, String service, String port, String operation) {
}
