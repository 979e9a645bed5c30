package eu.indriva.agency.kravia;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.debtor.DebtorType;
import eu.indriva.debtor.ValidDebtor;

/** The connector's records → Kravia's JSON (kravia-api.yaml, RegisterInvoice). */
public final class KraviaMapping {

    private KraviaMapping() {}

    public static ObjectNode register(ClaimRegistration c, long creditorId, ObjectMapper json) {
        ValidDebtor d = c.debtor();
        ObjectNode n = json.createObjectNode();
        n.put("claimType", c.claimType());
        n.put("creditorId", creditorId);
        n.put("accountingInvoiceId", c.accountingInvoiceId());
        n.put("debtorName", d.name());
        n.put("debtorNumber", c.debtorNumber());
        if (d.email() != null) {
            n.put("email", d.email());
        }
        boolean person = d.type() == DebtorType.PERSON;
        n.put("isPrivateIndividual", person);
        if (person) {
            if (d.personalNumber() != null) {
                n.put("ssn", d.personalNumber());
            }
        } else {
            n.put("organizationNumber", d.organisationNumber());
        }
        ObjectNode address = n.putObject("postalAddress");
        address.put("addressAddressLine1", d.street());
        address.put("addressPostalCode", d.zip());
        address.put("addressCity", d.city());
        address.put("addressCountryCode", d.countryCode());
        n.put("invoiceNo", c.invoiceNumber());
        n.put("invoiceDate", c.invoiceDate() == null ? null : c.invoiceDate().toString());
        n.put("dueDate", c.dueDate().toString());
        n.put("originalAmount", c.outstanding());
        n.put("currencyCode", c.currency());
        n.put("description", "Invoice " + c.invoiceNumber()
                + (c.paymentReference() == null ? "" : ", payment reference " + c.paymentReference()));
        return n;
    }
}
