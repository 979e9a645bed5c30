package eu.indriva.inbound;

/**
 * A change the agency told us about (a webhook), on the durable agency-events queue. It is only a
 * trigger: processing re-reads the claim from the agency.
 *
 * @param timestamp the agency's event time (unix seconds); with tenant and claim, the duplicate id
 */
public record AgencyEvent(String tenantId, String agencyClaimId, long timestamp, int attempt) {

    public String duplicateId() {
        return tenantId + "/" + agencyClaimId + "/" + timestamp;
    }

    public AgencyEvent next() {
        return new AgencyEvent(tenantId, agencyClaimId, timestamp, attempt + 1);
    }
}
