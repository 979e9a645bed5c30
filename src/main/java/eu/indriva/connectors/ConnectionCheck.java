package eu.indriva.connectors;

import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantSecretsUnreadable;
import eu.indriva.upstream.UpstreamException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Test connection" for a tenant: signs in to its accounting system and reads one invoice of a
 * search, and authenticates at its agency, through the same adapters (and rate limits) the flows
 * use. Reads only. Each side's outcome is in words a person can act on.
 */
@Component
public class ConnectionCheck {

    private static final Logger log = LoggerFactory.getLogger(ConnectionCheck.class);

    public enum Side { ACCOUNTING, AGENCY }

    /**
     * @param tried what was tried when it worked ("a token and a one-invoice search")
     * @param problem what failed, in words; null when it worked
     */
    public record Result(Side side, String system, boolean ok, String tried, String problem) implements java.io.Serializable {}

    private final Connectors connectors;

    public ConnectionCheck(Connectors connectors) {
        this.connectors = connectors;
    }

    public List<Result> check(Tenant tenant) {
        if (!connectors.usable(tenant)) {
            String why = new TenantSecretsUnreadable(tenant.id()).getMessage();
            return List.of(new Result(Side.ACCOUNTING, tenant.accounting().system(), false, null, why),
                    new Result(Side.AGENCY, tenant.agency().system(), false, null, why));
        }
        return List.of(
                one(tenant, Side.ACCOUNTING, tenant.accounting().system(), () -> connectors.accounting(tenant).checkConnection()),
                one(tenant, Side.AGENCY, tenant.agency().system(), () -> connectors.agency(tenant).checkConnection()));
    }

    private static Result one(Tenant tenant, Side side, String system, Supplier<String> call) {
        try {
            return new Result(side, system, true, call.get(), null);
        } catch (UpstreamException.Busy e) {
            return new Result(side, system, false, null, "not tried now: " + e.getMessage() + "; try again in a minute");
        } catch (UpstreamException e) {
            return new Result(side, system, false, null, e.getMessage());
        } catch (RuntimeException e) {
            // an adapter's own defect: the words say so, the log has the rest (no secret is in an adapter's exception)
            log.warn("tenant={} connection check of {} failed unexpectedly", tenant.id(), system, e);
            return new Result(side, system, false, null, "an unexpected error in Indriva (" + e.getClass().getSimpleName()
                    + "); the log of this instance has the details");
        }
    }
}
