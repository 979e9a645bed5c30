package eu.indriva.agency;

import java.time.LocalDateTime;

/**
 * One hit of the agency's "changed since" search.
 *
 * @param watermark the agency's own text for the change time, passed back verbatim as the next "since"
 */
public record AgencyChange(String agencyClaimId, String accountingInvoiceId, LocalDateTime lastUpdated, String watermark) {}
