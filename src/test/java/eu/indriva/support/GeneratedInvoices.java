package eu.indriva.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Procountor's invoice for any id, made on request ({@link Upstreams.Invoice#overdue}): one stub
 * answers every invoice of a slice, where thousands of stubs (one per invoice) would make WireMock
 * match each request against all of them. Applies only to stubs that name it.
 */
public class GeneratedInvoices implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "generated-invoice";
    private static final Pattern INVOICE = Pattern.compile(".*/invoices/([0-9]+)$");

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Matcher m = INVOICE.matcher(serveEvent.getRequest().getUrl().split("\\?")[0]);
        if (!m.matches()) {
            return serveEvent.getResponseDefinition();
        }
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                .withBody(Upstreams.Slice.full(Upstreams.Invoice.overdue(m.group(1))).toString()).build();
    }
}
