-- Who the claim is against, as the claim page shows it: the name, the identifier with a personal
-- identity number's last four characters masked (19811218-****; an organisation number as it is),
-- the type and the country. Kept when the debtor passed validation; never the full personal number.
ALTER TABLE claim ADD COLUMN debtor_name VARCHAR(200);
ALTER TABLE claim ADD COLUMN debtor_identifier VARCHAR(20);
ALTER TABLE claim ADD COLUMN debtor_type VARCHAR(12);
ALTER TABLE claim ADD COLUMN debtor_country VARCHAR(2);
