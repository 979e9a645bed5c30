-- A tenant's settings hold its excluded customer numbers (up to 5,000 of up to 64 characters, the
-- admin API's limits): 20,000 characters were too few (a 500 "value too long" at about 1,800).
ALTER TABLE tenant ALTER COLUMN settings SET DATA TYPE VARCHAR(1000000);
