package eu.indriva.agency.kravia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.agency.kravia.KraviaWebhooks.BadWebhook;
import eu.indriva.agency.kravia.KraviaWebhooks.CaseUpdate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KraviaWebhooksTest {

    /**
     * Computed outside Java, from the contract's recipe:
     * python3 -c "import hashlib;print(hashlib.md5(b'{\"timestamp\":1663063069,\"eventType\":\"CaseUpdate\",\"claimId\":123443}' + b'secret').hexdigest())"
     */
    private static final String VECTOR = "96db0874d672cb4f75096ffcf1e82eb3";

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String webhook(String signature) {
        return """
                {"header": {"algorithm": "MD5"},
                 "data": {"timestamp": 1663063069, "eventType": "CaseUpdate", "claimId": 123443},
                 "signature": %s}""".formatted(signature);
    }

    // ---- parse ----

    @Test
    void parsesTheContractsExample() {
        CaseUpdate u = KraviaWebhooks.parse(body(webhook("\"16a05d8c9d625d70b856aa174144220f\"")));

        assertThat(u).isEqualTo(new CaseUpdate(1663063069L, "CaseUpdate", 123443L, "16a05d8c9d625d70b856aa174144220f"));
    }

    @Test
    void anAbsentOrNullSignatureIsNull() {
        assertThat(KraviaWebhooks.parse(body("""
                {"header": {"algorithm": "MD5"}, "data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 2}}""")).signature()).isNull();
        assertThat(KraviaWebhooks.parse(body(webhook("null"))).signature()).isNull();
    }

    @Test
    void unknownFieldsAndUnknownEventTypesAreRead() {
        CaseUpdate u = KraviaWebhooks.parse(body("""
                {"data": {"claimId": 9, "eventType": "SomethingNew", "timestamp": 5, "extra": [1]}, "signature": "ab", "more": {}}"""));

        assertThat(u).isEqualTo(new CaseUpdate(5, "SomethingNew", 9, "ab"));
    }

    @Test
    void largeNumbersStayExact() {
        CaseUpdate u = KraviaWebhooks.parse(body("""
                {"data": {"timestamp": 9007199254740993, "eventType": "CaseUpdate", "claimId": 9223372036854775807}}"""));

        assertThat(u.timestamp()).isEqualTo(9007199254740993L);
        assertThat(u.claimId()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | hello                                                                                              | not JSON
            truncated JSON            | {"data": {"timestamp": 1                                                                           | not JSON
            trailing garbage          | {"data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 2}} x                              | not JSON
            a JSON array              | [1, 2]                                                                                             | not a JSON object
            a JSON string             | "CaseUpdate"                                                                                       | not a JSON object
            no data                   | {"header": {"algorithm": "MD5"}, "signature": "ab"}                                                | missing data
            data not an object        | {"data": [1, 2, 3]}                                                                                | data is not an object
            no timestamp              | {"data": {"eventType": "CaseUpdate", "claimId": 2}}                                                | missing data.timestamp
            timestamp as text         | {"data": {"timestamp": "1663063069", "eventType": "CaseUpdate", "claimId": 2}}                     | data.timestamp is not a number
            timestamp with a fraction | {"data": {"timestamp": 1663063069.5, "eventType": "CaseUpdate", "claimId": 2}}                     | data.timestamp is not a number
            negative timestamp        | {"data": {"timestamp": -1, "eventType": "CaseUpdate", "claimId": 2}}                               | data.timestamp is negative
            no eventType              | {"data": {"timestamp": 1, "claimId": 2}}                                                           | missing data.eventType
            eventType a number        | {"data": {"timestamp": 1, "eventType": 7, "claimId": 2}}                                           | data.eventType is not a string
            no claimId                | {"data": {"timestamp": 1, "eventType": "CaseUpdate"}}                                              | missing data.claimId
            claimId as a word         | {"data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": "abc"}}                            | data.claimId is not a number
            claimId null              | {"data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": null}}                             | missing data.claimId
            claimId too large         | {"data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 92233720368547758070}}             | data.claimId is out of range
            claimId zero              | {"data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 0}}                                | data.claimId is not a positive claim id
            signature a number        | {"data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 2}, "signature": 12}              | signature is not a string
            another algorithm         | {"header": {"algorithm": "SHA256"}, "data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 2}} | only MD5
            header not an object      | {"header": "MD5", "data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 2}}               | header is not an object
            duplicate claimId         | {"data": {"timestamp": 1, "eventType": "CaseUpdate", "claimId": 2, "claimId": 3}}                  | not JSON
            """)
    void aBodyThatIsNotAWebhookSaysWhatIsWrong(String what, String json, String message) {
        assertThatThrownBy(() -> KraviaWebhooks.parse(body(json))).as(what).isInstanceOf(BadWebhook.class).hasMessageContaining(message);
    }

    @Test
    void anEmptyBodyIsBad() {
        assertThatThrownBy(() -> KraviaWebhooks.parse(new byte[0])).isInstanceOf(BadWebhook.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> KraviaWebhooks.parse(null)).isInstanceOf(BadWebhook.class);
        assertThatThrownBy(() -> KraviaWebhooks.parse(body("   "))).isInstanceOf(BadWebhook.class).hasMessageContaining("not JSON");
    }

    @Test
    void badWebhookIsARuntimeException() {
        assertThat(RuntimeException.class).isAssignableFrom(BadWebhook.class);
    }

    // ---- signature ----

    @Test
    void signMatchesTheIndependentlyComputedVector() {
        assertThat(KraviaWebhooks.sign(1663063069L, "CaseUpdate", 123443L, "secret")).isEqualTo(VECTOR);
    }

    @Test
    void theSignedTextIsTheCompactDataInTheContractsKeyOrder() {
        assertThat(KraviaWebhooks.compactData(1663063069L, "CaseUpdate", 123443L))
                .isEqualTo("{\"timestamp\":1663063069,\"eventType\":\"CaseUpdate\",\"claimId\":123443}");
    }

    @Test
    void theEventTypeIsJsonEscapedInTheSignedText() {
        // python3: json.dumps({'timestamp':1663063069,'eventType':'Case"Upd\\ateä','claimId':123443}, separators=(',',':'), ensure_ascii=False)
        assertThat(KraviaWebhooks.compactData(1663063069L, "Case\"Upd\\ateä", 123443L))
                .isEqualTo("{\"timestamp\":1663063069,\"eventType\":\"Case\\\"Upd\\\\ateä\",\"claimId\":123443}");
        assertThat(KraviaWebhooks.sign(1663063069L, "Case\"Upd\\ateä", 123443L, "secret")).isEqualTo("468a34d46be6a8c3298e6017193790da");
    }

    @Test
    void aCorrectlySignedWebhookIsValid() {
        CaseUpdate u = KraviaWebhooks.parse(body(webhook("\"" + VECTOR + "\"")));

        assertThat(KraviaWebhooks.signatureValid(u, "secret")).isTrue();
    }

    @Test
    void theSignatureDoesNotDependOnTheBodysSpacingOrKeyOrder() {
        CaseUpdate u = KraviaWebhooks.parse(body("""
                {  "signature" : "%s",
                   "data" : { "claimId" : 123443 , "timestamp" : 1663063069 , "eventType" : "CaseUpdate" } }""".formatted(VECTOR)));

        assertThat(KraviaWebhooks.signatureValid(u, "secret")).isTrue();
    }

    @Test
    void upperCaseHexIsAccepted() {
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063069L, "CaseUpdate", 123443L, VECTOR.toUpperCase()), "secret")).isTrue();
    }

    @Test
    void aWrongSecretIsInvalid() {
        CaseUpdate u = KraviaWebhooks.parse(body(webhook("\"" + VECTOR + "\"")));

        assertThat(KraviaWebhooks.signatureValid(u, "Secret")).isFalse();
        assertThat(KraviaWebhooks.signatureValid(u, "")).isFalse();
        assertThat(KraviaWebhooks.signatureValid(u, null)).isFalse();
    }

    @Test
    void anAbsentSignatureIsInvalid() {
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063069L, "CaseUpdate", 123443L, null), "secret")).isFalse();
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063069L, "CaseUpdate", 123443L, ""), "secret")).isFalse();
    }

    @Test
    void tamperedFieldsAreInvalid() {
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063069L, "CaseUpdate", 123444L, VECTOR), "secret")).isFalse();
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063070L, "CaseUpdate", 123443L, VECTOR), "secret")).isFalse();
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063069L, "caseUpdate", 123443L, VECTOR), "secret")).isFalse();
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063069L, "CaseUpdate", 123443L, VECTOR.substring(1)), "secret")).isFalse();
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1663063069L, "CaseUpdate", 123443L, VECTOR + "0"), "secret")).isFalse();
    }

    @Test
    void aTamperedBodyFailsTheCheck() {
        CaseUpdate u = KraviaWebhooks.parse(body(webhook("\"" + VECTOR + "\"").replace("123443", "123444")));

        assertThat(u.claimId()).isEqualTo(123444L);
        assertThat(KraviaWebhooks.signatureValid(u, "secret")).isFalse();
    }

    @Test
    void signAndCheckAgreeForOtherValues() {
        String sig = KraviaWebhooks.sign(1700000000L, "CaseUpdate", 700001L, "whsec-ish ä secret");

        assertThat(sig).matches("[0-9a-f]{32}");
        assertThat(KraviaWebhooks.signatureValid(new CaseUpdate(1700000000L, "CaseUpdate", 700001L, sig), "whsec-ish ä secret")).isTrue();
    }
}
