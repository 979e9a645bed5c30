package eu.indriva.agency.kravia;

import eu.indriva.agency.AgencyPlugin;
import eu.indriva.agency.AgencyService;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Kravia as an agency system. Its claimType carries the service: {@code CollectionCase} is
 * collection, {@code Invoice} ("an invoice Kravia distributes and follows up", handed over when it
 * is overdue) is the reminder service. Kravia is not handed invoices before they are overdue, so the
 * invoice service is not offered.
 */
@Component
public class KraviaPlugin implements AgencyPlugin {

    @Override
    public String system() {
        return KraviaAdapter.SYSTEM;
    }

    @Override
    public String name() {
        return "Kravia";
    }

    @Override
    public Set<AgencyService> services() {
        return Set.of(AgencyService.COLLECTION, AgencyService.REMINDER);
    }
}
