package eu.indriva.user;

/** What a user of the client web may see and do. */
public enum UserRole {
    /** Every tenant: creates and edits tenants and users. */
    PLATFORM_ADMIN,
    /** Exactly one tenant: follows its claims and acts on them. */
    CREDITOR
}
