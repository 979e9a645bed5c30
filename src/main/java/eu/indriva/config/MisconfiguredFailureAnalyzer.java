package eu.indriva.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or bad required setting into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class MisconfiguredFailureAnalyzer extends AbstractFailureAnalyzer<StartupChecks.Misconfigured> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupChecks.Misconfigured cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
