package eu.indriva.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.indriva.IndrivaApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Starting without the admin token and the secrets key (issue 10, operations): one report naming both, nothing before it. */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSettingsStartupTest {

    @Test
    void bothMissingSettingsAreReportedAtOnceBeforeAnyBeanIsMade(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(IndrivaApplication.class)
                .properties("indriva.admin.token=", "indriva.secrets.key=", "server.port=0", "management.server.port=0")
                .run()).isInstanceOf(StartupChecks.Misconfigured.class);

        String out = output.getAll();
        assertThat(out).contains("APPLICATION FAILED TO START").contains("2 required settings are missing or wrong")
                .contains("indriva.secrets.key is not set").contains("indriva.admin.token is not set")
                .contains("openssl rand -base64 32").contains("openssl rand -hex 32");
        assertThat(out).doesNotContain("UnsatisfiedDependencyException").doesNotContain("HikariPool").doesNotContain("Artemis");
    }

    @Test
    void oneWrongSettingIsReportedAlone() {
        assertThatThrownBy(() -> StartupChecks.required("c2hvcnQ=", "a-long-enough-admin-token"))
                .isInstanceOf(StartupChecks.Misconfigured.class)
                .hasMessageContaining("indriva.secrets.key must be 32 bytes").hasMessageNotContaining("admin.token");
    }
}
