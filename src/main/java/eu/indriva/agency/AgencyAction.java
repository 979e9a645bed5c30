package eu.indriva.agency;

/** What the creditor may ask the agency to do with a claim; each agency says which it offers now. */
public enum AgencyAction {
    PAUSE,
    RESUME,
    /** Recall the claim: the agency closes it as {@link CloseReason#WITHDRAWN}. */
    WITHDRAW
}
