package eu.indriva.connectors;

/**
 * How an agency system's webhooks are read and checked: the agency's shape stays in its package,
 * and the web endpoint ({@code inbound/AgencyWebhookController}) sees only this.
 */
public interface WebhookReader {

    /** The agency secret field holding the secret webhooks are signed with (unset: unsigned ones are taken). */
    String SECRET = "webhookSecret";

    /**
     * One webhook as read.
     *
     * @param eventType the agency's own word for the event
     * @param claimChanged whether it says a claim changed (the only kind Indriva acts on)
     * @param agencyClaimId the claim it names, or null
     * @param timestamp the agency's time of the event (part of the event's identity)
     * @param signed whether the body carries a signature
     * @param signatureMatches whether the signature is the one a webhook secret gives (the body is read once)
     */
    record Event(String eventType, boolean claimChanged, String agencyClaimId, long timestamp, boolean signed,
                 java.util.function.Predicate<String> signatureMatches) {}

    /** The body is not this agency's webhook; {@code field} is the body's field a 400 names ("body" for all of it). */
    final class Malformed extends RuntimeException {
        private final String field;

        public Malformed(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** @throws Malformed when the body cannot be read; the message never quotes the body */
    Event read(byte[] body);
}
