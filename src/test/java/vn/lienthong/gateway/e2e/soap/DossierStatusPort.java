package vn.lienthong.gateway.e2e.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/** The service endpoint interface a department would generate from {@code schemas/wsdl/dossier-status.wsdl}. */
@WebService(name = "DossierStatusPortType", targetNamespace = DossierStatusPort.NS)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface DossierStatusPort {

    String NS = "urn:lienthong-gateway:dossier-status:1";

    @WebMethod(operationName = "ReportStatus", action = "urn:lienthong-gateway:dossier-status:1:ReportStatus")
    @WebResult(name = "StatusAccepted", targetNamespace = NS, partName = "accepted")
    StatusAccepted reportStatus(@WebParam(name = "DossierStatusReport", targetNamespace = NS, partName = "report")
                                DossierStatusReport report);
}
