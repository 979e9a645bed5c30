package eu.indriva.outbound;

import eu.indriva.tenant.Tenant;
import java.time.LocalDate;

/** One overdue poll of one tenant, page by page. Getters so the route's loop can read it. */
public final class PollRun {

    private final Tenant tenant;
    private final LocalDate dueOnOrBefore;
    private int page;
    private boolean more = true;
    private int examined;
    private int selected;
    private String stoppedBecause;

    PollRun(Tenant tenant, LocalDate dueOnOrBefore) {
        this.tenant = tenant;
        this.dueOnOrBefore = dueOnOrBefore;
    }

    public Tenant getTenant() {
        return tenant;
    }

    public LocalDate getDueOnOrBefore() {
        return dueOnOrBefore;
    }

    public boolean isMore() {
        return more;
    }

    public int getPage() {
        return page;
    }

    public int getExamined() {
        return examined;
    }

    public int getSelected() {
        return selected;
    }

    /** Why the poll ended before the last page; null when it read every page. */
    public String getStoppedBecause() {
        return stoppedBecause;
    }

    void stop(String because) {
        more = false;
        stoppedBecause = because;
    }

    void pageDone(boolean last, int hits, int selectedNow) {
        page++;
        more = !last;
        examined += hits;
        selected += selectedNow;
    }

    @Override
    public String toString() {
        return "PollRun[" + tenant.id() + ", page " + page + "]";
    }
}
