package eu.indriva.user;

import java.time.Duration;
import java.time.Instant;

/**
 * When repeated failed sign-ins lock an account: after {@code attempts} failures in a row it is
 * locked for {@code lockFor}; a sign-in that succeeds starts the count again. Plain code.
 */
public record Lockout(int attempts, Duration lockFor) {

    public Lockout {
        if (attempts < 1 || lockFor.isNegative() || lockFor.isZero()) {
            throw new IllegalArgumentException("a lock-out needs at least 1 attempt and a positive duration");
        }
    }

    /** Until when the account is locked after this many failures in a row (the one at {@code now} included), or null. */
    public Instant lockedUntil(int failuresInARow, Instant now) {
        return failuresInARow >= attempts ? now.plus(lockFor) : null;
    }
}
