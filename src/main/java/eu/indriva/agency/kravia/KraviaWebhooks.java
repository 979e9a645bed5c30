package eu.indriva.agency.kravia;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Kravia's {@code caseUpdate} webhook (kravia-api.yaml, webhooks): reading the body and checking its
 * MD5 signature. The signing recipe is the contract's assumption (the guide's sample is cut off):
 * lowercase hex of MD5(UTF-8(compactData + secret)), compactData being
 * {@code {"timestamp":<n>,"eventType":"<s>","claimId":<n>}} exactly. A webhook is only a trigger:
 * the caller re-reads the claim, so nothing here decides what changed.
 */
public final class KraviaWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private KraviaWebhooks() {}

    /** One webhook as sent. {@code signature} is null when the body carries none. */
    public record CaseUpdate(long timestamp, String eventType, long claimId, String signature) {}

    /** The body is not a Kravia webhook; the message says what is wrong with it (never the secret). */
    public static final class BadWebhook extends RuntimeException {
        private final String field;

        /** @param field the body's field that is wrong ("body" for the whole body), as a 400 names it */
        public BadWebhook(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Reads {@code {"header":{"algorithm":"MD5"},"data":{"timestamp":n,"eventType":"s","claimId":n},"signature":"hex"}}.
     * Unknown fields are ignored; an unknown {@code eventType} is read like any other (the caller ignores it).
     */
    public static CaseUpdate parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadWebhook("body", "empty body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadWebhook("body", "not JSON");
        } catch (IOException e) {
            throw new BadWebhook("body", "not JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new BadWebhook("body", "not JSON: no content");
        }
        if (!root.isObject()) {
            throw new BadWebhook("body", "not a JSON object");
        }
        JsonNode header = root.path("header");
        if (!header.isMissingNode() && !header.isNull()) {
            if (!header.isObject()) {
                throw new BadWebhook("header", "header is not an object");
            }
            JsonNode algorithm = header.path("algorithm");
            if (!algorithm.isMissingNode() && !algorithm.isNull() && !"MD5".equalsIgnoreCase(algorithm.asText())) {
                throw new BadWebhook("header.algorithm", "header.algorithm is '" + algorithm.asText() + "', only MD5 is known");
            }
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new BadWebhook("data", data.isMissingNode() || data.isNull() ? "missing data" : "data is not an object");
        }
        long timestamp = plainInteger(data, "timestamp");
        if (timestamp < 0) {
            throw new BadWebhook("data.timestamp", "data.timestamp is negative");
        }
        JsonNode eventType = data.path("eventType");
        if (eventType.isMissingNode() || eventType.isNull()) {
            throw new BadWebhook("data.eventType", "missing data.eventType");
        }
        if (!eventType.isTextual()) {
            throw new BadWebhook("data.eventType", "data.eventType is not a string");
        }
        long claimId = plainInteger(data, "claimId");
        if (claimId <= 0) {
            throw new BadWebhook("data.claimId", "data.claimId is not a positive claim id");
        }
        JsonNode signature = root.path("signature");
        String sig = null;
        if (!signature.isMissingNode() && !signature.isNull()) {
            if (!signature.isTextual()) {
                throw new BadWebhook("signature", "signature is not a string");
            }
            sig = signature.asText();
        }
        return new CaseUpdate(timestamp, eventType.asText(), claimId, sig);
    }

    /** True only when the body's signature matches the one made with {@code secret}; compared in constant time. */
    public static boolean signatureValid(CaseUpdate u, String secret) {
        if (u == null || u.signature() == null || secret == null || u.eventType() == null) {
            return false;
        }
        byte[] expected = sign(u.timestamp(), u.eventType(), u.claimId(), secret).getBytes(StandardCharsets.US_ASCII);
        // hex is case-insensitive; the contract says lowercase, accepting upper case costs nothing
        byte[] given = u.signature().trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /** Lowercase hex of MD5(UTF-8(compactData + secret)). */
    public static String sign(long timestamp, String eventType, long claimId, String secret) {
        if (eventType == null || secret == null) {
            throw new IllegalArgumentException("signing needs an event type and a secret");
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((compactData(timestamp, eventType, claimId) + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** The signed text: these keys in this order, no spaces, eventType as a JSON string. */
    static String compactData(long timestamp, String eventType, long claimId) {
        return "{\"timestamp\":" + timestamp + ",\"eventType\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(eventType))
                + "\",\"claimId\":" + claimId + "}";
    }

    private static long plainInteger(JsonNode data, String field) {
        JsonNode v = data.path(field);
        if (v.isMissingNode() || v.isNull()) {
            throw new BadWebhook("data." + field, "missing data." + field);
        }
        if (!v.isIntegralNumber()) {
            throw new BadWebhook("data." + field, "data." + field + " is not a number (a plain integer)");
        }
        if (!v.canConvertToLong()) {
            throw new BadWebhook("data." + field, "data." + field + " is out of range");
        }
        return v.asLong();
    }
}
