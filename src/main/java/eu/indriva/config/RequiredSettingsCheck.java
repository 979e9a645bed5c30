package eu.indriva.config;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Checks the required settings as soon as the configuration is read, before any bean is made: all
 * that are wrong are reported at once by {@link MisconfiguredFailureAnalyzer}, and no bean's
 * failure (UnsatisfiedDependencyException) comes before the report. Registered in
 * META-INF/spring.factories.
 */
public class RequiredSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        StartupChecks.required(env.getProperty("indriva.secrets.key"), env.getProperty("indriva.admin.token"));
    }

    /** After the configuration files and profiles are read (Spring Boot's own listeners come first). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
