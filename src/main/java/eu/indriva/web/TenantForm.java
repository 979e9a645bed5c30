package eu.indriva.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.problem.JsonProblems;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.SystemPlugin;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRequest;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tenant settings form, between its inputs and the admin API's {@link TenantRequest}: a form
 * becomes the same request a PUT would send (so the same validation answers, with the same words),
 * and a tenant becomes the form's values. Secrets are never shown; a secret input left empty keeps
 * the stored one. Each system's fields have their own inputs ({@code agency.kravia.creditorId}), so
 * switching the system in the form loses nothing typed for the other. Plain code, unit-tested.
 */
public final class TenantForm {

    static final List<String> GENERAL = List.of("name", "country", "timeZone");
    static final List<String> POLICY = List.of("graceDays", "minimumAmount", "currencies", "service", "excludedCustomerNumbers",
            "pollInterval");
    static final List<String> POLICY_FLAGS = List.of("automatic", "bookCreditLosses");
    static final List<String> LEDGER = List.of("clearingAccount", "commissionAccount", "inputVatAccount", "interestIncomeAccount",
            "feeIncomeAccount");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;\\s]+");

    private TenantForm() {}

    /** The form's values for a tenant (settings as they are kept; no secret). */
    public static Map<String, String> values(Tenant t) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", t.name());
        v.put("enabled", Boolean.toString(t.enabled()));
        v.put("country", t.country());
        v.put("timeZone", t.timeZone().getId());
        connection(v, "accounting", t.accounting());
        connection(v, "agency", t.agency());
        Tenant.Policy p = t.policy();
        v.put("policy.automatic", Boolean.toString(p.automatic()));
        v.put("policy.graceDays", Integer.toString(p.graceDays()));
        v.put("policy.minimumAmount", p.minimumAmount().toPlainString());
        v.put("policy.currencies", String.join(", ", p.currencies()));
        v.put("policy.service", p.service().name());
        v.put("policy.excludedCustomerNumbers", String.join("\n", p.excludedCustomerNumbers()));
        v.put("policy.pollInterval", p.pollInterval().toString());
        v.put("policy.bookCreditLosses", Boolean.toString(p.bookCreditLosses()));
        Tenant.Ledger l = t.ledger();
        v.put("ledger.clearingAccount", l.clearingAccount());
        v.put("ledger.commissionAccount", l.commissionAccount());
        v.put("ledger.inputVatAccount", l.inputVatAccount());
        v.put("ledger.interestIncomeAccount", l.interestIncomeAccount());
        v.put("ledger.feeIncomeAccount", l.feeIncomeAccount());
        return v;
    }

    private static void connection(Map<String, String> v, String side, Tenant.Connection c) {
        v.put(side + ".system", c.system());
        c.settings().forEach((k, val) -> v.put(side + "." + c.system() + "." + k, val == null ? "" : val.toString()));
    }

    /**
     * The request the form stands for: the chosen system's inputs only; a blank input is left out
     * (a blank secret keeps the stored one); numbers are numbers where they read as one, so a
     * wrong value gets the API's own words. Unchecked boxes are false.
     *
     * @throws Problem naming the field, as the API would
     */
    public static TenantRequest request(Map<String, String> form, Collection<? extends SystemPlugin> accountingSystems,
                                        Collection<? extends SystemPlugin> agencies, ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        for (String f : GENERAL) {
            text(root, f, form.get(f));
        }
        root.put("enabled", checked(form, "enabled"));
        root.set("accounting", block(form, "accounting", accountingSystems, json));
        root.set("agency", block(form, "agency", agencies, json));
        ObjectNode policy = root.putObject("policy");
        for (String f : POLICY_FLAGS) {
            policy.put(f, checked(form, "policy." + f));
        }
        number(policy, "graceDays", form.get("policy.graceDays"));
        number(policy, "minimumAmount", form.get("policy.minimumAmount"));
        list(policy, "currencies", form.get("policy.currencies"), true);
        text(policy, "service", form.get("policy.service"));
        list(policy, "excludedCustomerNumbers", form.get("policy.excludedCustomerNumbers"), false);
        text(policy, "pollInterval", form.get("policy.pollInterval"));
        ObjectNode ledger = root.putObject("ledger");
        for (String f : LEDGER) {
            text(ledger, f, form.get("ledger." + f));
        }
        try {
            return json.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .treeToValue(root, TenantRequest.class);
        } catch (JsonMappingException e) {
            throw JsonProblems.of(e).orElseGet(() -> Problem.badField("form", "cannot be read"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Problem.badField("form", "cannot be read");
        }
    }

    private static ObjectNode block(Map<String, String> form, String side, Collection<? extends SystemPlugin> systems, ObjectMapper json) {
        ObjectNode block = json.createObjectNode();
        String system = blankToNull(form.get(side + ".system"));
        text(block, "system", system);
        SystemPlugin plugin = systems.stream().filter(s -> s.system().equals(system)).findFirst().orElse(null);
        if (plugin == null) {
            return block;
        }
        for (SystemPlugin.FormField f : plugin.formFields()) {
            String value = form.get(side + "." + system + "." + f.name());
            if (f.kind() == SystemPlugin.FormField.Kind.NUMBER) {
                number(block, f.name(), value);
            } else if (f.kind() == SystemPlugin.FormField.Kind.SECRET_MULTILINE) {
                // a key pasted into a text area: its lines as they were, without the browser's \r
                if (blankToNull(value) != null) {
                    block.put(f.name(), value.replace("\r\n", "\n"));
                }
            } else {
                text(block, f.name(), value);
            }
        }
        return block;
    }

    /**
     * The form's input that a refusal of the request names: the chosen system's input for a field of
     * its block ({@code agency.creditorId} is {@code agency.kravia.creditorId}), else the field itself.
     */
    public static String input(String field, Map<String, String> form) {
        if (field == null) {
            return null;
        }
        for (String side : List.of("accounting", "agency")) {
            String prefix = side + ".";
            if (field.startsWith(prefix) && !field.equals(side + ".system") && form.get(side + ".system") != null) {
                return prefix + form.get(side + ".system") + "." + field.substring(prefix.length());
            }
        }
        return field;
    }

    static boolean checked(Map<String, String> form, String name) {
        String v = form.get(name);
        return v != null && (v.equals("true") || v.equals("on"));
    }

    private static void text(ObjectNode node, String name, String value) {
        String v = blankToNull(value);
        if (v != null) {
            node.put(name, v);
        }
    }

    private static void number(ObjectNode node, String name, String value) {
        String v = blankToNull(value);
        if (v == null) {
            return;
        }
        if (NUMBER.matcher(v).matches()) {
            // a whole number as one (a decimal where a whole number belongs is refused as the API refuses it)
            BigDecimal n = new BigDecimal(v);
            if (n.scale() == 0) {
                node.put(name, n.toBigInteger());
            } else {
                node.put(name, n);
            }
        } else {
            // left as text: the request's own reading refuses it, naming the field
            node.put(name, v);
        }
    }

    private static void list(ObjectNode node, String name, String value, boolean upperCase) {
        String v = blankToNull(value);
        if (v == null) {
            return;
        }
        ArrayNode a = node.putArray(name);
        Arrays.stream(LIST_SEPARATOR.split(v)).filter(s -> !s.isBlank())
                .map(s -> upperCase ? s.toUpperCase(java.util.Locale.ROOT) : s).forEach(a::add);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
