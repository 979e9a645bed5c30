package eu.indriva.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.problem.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserRequestsTest {

    private static final Predicate<String> ONLY_NORDVIK = "nordvik"::equals;

    private static void assertBadField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID);
            assertThat(p.field()).isEqualTo(field);
        });
    }

    @Test
    void aCreditorSeesTheOneTenantItNames() {
        WebUser u = UserRequests.toUser(" Anna@Nordvik.se ", new UserRequest("CREDITOR", "nordvik", null, null), ONLY_NORDVIK);

        assertThat(u).isEqualTo(new WebUser("anna@nordvik.se", UserRole.CREDITOR, "nordvik", true));
        assertThat(u.mayAccess("nordvik")).isTrue();
        assertThat(u.mayAccess("other")).isFalse();
        assertThat(u.mayAccess(null)).isFalse();
    }

    @Test
    void aPlatformAdminSeesEveryTenantUnlessDisabled() {
        WebUser admin = UserRequests.toUser("ops", new UserRequest("PLATFORM_ADMIN", null, null, null), ONLY_NORDVIK);
        WebUser disabled = UserRequests.toUser("ops", new UserRequest("PLATFORM_ADMIN", " ", null, false), ONLY_NORDVIK);

        assertThat(admin.mayAccess("anything")).isTrue();
        assertThat(disabled.mayAccess("anything")).isFalse();
    }

    @Test
    void refusalsNameTheField() {
        assertBadField(() -> UserRequests.toUser("u", new UserRequest(null, null, null, null), ONLY_NORDVIK), "role");
        assertBadField(() -> UserRequests.toUser("u", new UserRequest("OWNER", null, null, null), ONLY_NORDVIK), "role");
        assertBadField(() -> UserRequests.toUser("u", new UserRequest("CREDITOR", null, null, null), ONLY_NORDVIK), "tenantId");
        assertBadField(() -> UserRequests.toUser("u", new UserRequest("CREDITOR", "other", null, null), ONLY_NORDVIK), "tenantId");
        assertBadField(() -> UserRequests.toUser("u", new UserRequest("PLATFORM_ADMIN", "nordvik", null, null), ONLY_NORDVIK), "tenantId");
        assertBadField(() -> UserRequests.toUser("u", null, ONLY_NORDVIK), "body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-anna", "anna smith", "anna/x", "å", "a2345678901234567890123456789012345678901234567890123456789012345"})
    void badUsernames(String name) {
        assertBadField(() -> UserRequests.username(name), "username");
    }

    @Test
    void passwordsAreAtLeast12CharactersAndAtMost72Bytes() {
        assertThat(UserRequests.password("twelve chars", "password")).isEqualTo("twelve chars");
        assertThat(UserRequests.password("åäöåäöåäöåäö", "password")).as("12 characters, 24 bytes").hasSize(12);
        assertBadField(() -> UserRequests.password("eleven char", "password"), "password");
        assertBadField(() -> UserRequests.password(null, "password"), "password");
        assertBadField(() -> UserRequests.password("            ", "password"), "password");
        assertBadField(() -> UserRequests.password("x".repeat(73), "password"), "password");
        assertBadField(() -> UserRequests.password("å".repeat(37), "password"), "password");
        assertThat(UserRequests.password("x".repeat(72), "password")).hasSize(72);
    }

    @Test
    void theLockOutLocksAtTheNthFailureInARow() {
        Lockout lockout = new Lockout(5, Duration.ofMinutes(15));
        Instant now = Instant.parse("2026-12-06T10:00:00Z");

        assertThat(lockout.lockedUntil(4, now)).isNull();
        assertThat(lockout.lockedUntil(5, now)).isEqualTo(Instant.parse("2026-12-06T10:15:00Z"));
        assertThatThrownBy(() -> new Lockout(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
