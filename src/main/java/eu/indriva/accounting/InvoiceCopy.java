package eu.indriva.accounting;

/** A rendered copy of an invoice (e.g. a PNG page). */
public record InvoiceCopy(String fileName, String mimeType, byte[] content) {}
