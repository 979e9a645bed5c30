package eu.indriva.agency;

import java.util.Set;

/**
 * One agency system Indriva can hand claims to: its id in a tenant's {@code agency.system}, its
 * name, and what it offers. One bean per system; the tenant code asks these instead of knowing the
 * agencies' names.
 */
public interface AgencyPlugin {

    /** The id a tenant's {@code agency.system} names and a claim records ("kravia"). */
    String system();

    /** The agency's name as people know it ("Kravia"). */
    String name();

    /** The services (policy {@code service}) this agency offers. */
    Set<AgencyService> services();
}
