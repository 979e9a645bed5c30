package eu.indriva.debtor;

import java.util.Objects;

/** The outcome of {@link DebtorValidator#validate}: a debtor ready for the agency, or why not. */
public sealed interface DebtorCheck permits DebtorCheck.Valid, DebtorCheck.Invalid {

    /** The debtor can be sent to the collection agency. */
    record Valid(ValidDebtor debtor) implements DebtorCheck {
        public Valid {
            Objects.requireNonNull(debtor, "debtor");
        }
    }

    /**
     * The claim must be rejected.
     *
     * @param field the offending field (the accounting system names it for the person fixing it)
     * @param problem a sentence for the person fixing the invoice; never repeats an identifier's
     *     value, so it is safe to log and to show
     */
    record Invalid(DebtorField field, String problem) implements DebtorCheck {
        public Invalid {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
