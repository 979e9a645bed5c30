package eu.indriva.tenant;

import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** At start-up, gives tenants saved before the schedule columns existed their next poll and agency sync. */
@Component
class TenantSchedules {

    private static final Logger log = LoggerFactory.getLogger(TenantSchedules.class);

    private final TenantRepository tenants;
    private final Duration agencySyncInterval;

    TenantSchedules(TenantRepository tenants, @Value("${indriva.agency-sync.interval:PT15M}") Duration agencySyncInterval) {
        this.tenants = tenants;
        this.agencySyncInterval = agencySyncInterval;
    }

    @PostConstruct
    void fill() {
        int filled = tenants.fillSchedules(Instant.now(), agencySyncInterval);
        if (filled > 0) {
            log.info("{} tenant(s) given their poll and agency-sync schedule", filled);
        }
    }
}
