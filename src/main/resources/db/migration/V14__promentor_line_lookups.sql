-- A receipt finds the line it answers by file and ref, and the answers not yet taken are listed by
-- tenant: both scanned every line the tenant ever sent without these (a 20,000-claim tenant took
-- seconds per receipt file, growing with each file).
CREATE INDEX promentor_out_line_by_file_ref ON promentor_out_line (tenant_id, file_name, ref);
CREATE INDEX promentor_out_line_untaken ON promentor_out_line (tenant_id, kind, taken, answered_at);
