-- Spring Integration's JdbcLockRegistry (its own schema, as shipped in spring-integration-jdbc):
-- a tenant's poll, payment scan and agency sync run on one Indriva instance at a time. A lock is
-- a lease: its holder renews it; when the holder dies, another instance takes it once it is older
-- than indriva.cluster.lock-ttl.
CREATE TABLE INT_LOCK (
    LOCK_KEY     CHAR(36)     NOT NULL,
    REGION       VARCHAR(100) NOT NULL,
    CLIENT_ID    CHAR(36),
    CREATED_DATE TIMESTAMP    NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);
