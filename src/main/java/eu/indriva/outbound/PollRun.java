package eu.indriva.outbound;

import eu.indriva.tenant.Tenant;
import java.time.LocalDate;

/**
 * One overdue poll of one tenant, page by page. Getters so the route's loop can read it. A poll
 * that must wait (for registration to catch up, or for room under its rate limit) is handed back
 * to the poll queue later (it keeps its page and its place in the RunGuard), so no thread waits
 * with it.
 */
public final class PollRun {

    private final Tenant tenant;
    private final LocalDate dueOnOrBefore;
    private final BacklogGate.Watch backlog = new BacklogGate.Watch();
    private int page;
    private boolean more = true;
    private boolean waiting;
    private long resumeAt;
    private int examined;
    private int selected;
    private String stoppedBecause;
    private boolean failed;

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

    /** Read another page now: there are more, and registration has caught up. */
    public boolean isReadNext() {
        return more && !waiting;
    }

    /** Waiting before the next page (see {@link #waitUntil}). */
    public boolean isWaiting() {
        return waiting;
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

    BacklogGate.Watch backlog() {
        return backlog;
    }

    void stop(String because) {
        more = false;
        waiting = false;
        stoppedBecause = because;
    }

    /** The upstream failed: the poll ends here, FAILED. */
    void fail(String because) {
        stop(because);
        failed = true;
    }

    public boolean isFailed() {
        return failed;
    }

    /** Wait before the next page: for registration to catch up, or until {@code until} (a full rate limit). */
    void waitUntil(java.time.Instant until) {
        waiting = true;
        resumeAt = until.toEpochMilli();
    }

    long resumeAt() {
        return resumeAt;
    }

    void resume() {
        waiting = false;
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
