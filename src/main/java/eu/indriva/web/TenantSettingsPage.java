package eu.indriva.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.agency.AgencyService;
import eu.indriva.connectors.ConnectionCheck;
import eu.indriva.problem.Problem;
import eu.indriva.tenant.Tenant;
import eu.indriva.tenant.TenantRequest;
import eu.indriva.tenant.TenantRequests;
import eu.indriva.tenant.TenantService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A platform admin creates and edits a tenant in a form: the same {@link TenantService#put} as the
 * admin API's PUT, so the same checks and the same words, shown beside the input they are about.
 * Secrets are write-only ("set" / "not set"; a new value replaces). "Test connection" runs
 * {@link ConnectionCheck} and says per side what worked or what failed.
 */
@Controller
public class TenantSettingsPage {

    private final TenantService tenants;
    private final ConnectionCheck connections;
    private final ObjectMapper json;

    public TenantSettingsPage(TenantService tenants, ConnectionCheck connections, ObjectMapper json) {
        this.tenants = tenants;
        this.connections = connections;
        this.json = json;
    }

    @GetMapping("/tenants/new")
    public String newTenant(Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("accounting.system", tenants.accountingSystems().get(0).system());
        values.put("agency.system", tenants.agencies().get(0).system());
        values.put("timeZone", "Europe/Stockholm");
        values.put("policy.automatic", "true");
        values.put("policy.service", AgencyService.COLLECTION.name());
        return form(model, null, values, Map.of(), null);
    }

    @PostMapping("/tenants")
    public String create(@RequestParam Map<String, String> form, Model model, HttpServletResponse response, RedirectAttributes result) {
        String id = form.get("id") == null ? "" : form.get("id").trim();
        try {
            TenantRequests.checkTenantId(id);
        } catch (Problem p) {
            // the API names the path's tenantId; the form's input is "id"
            return refused(model, null, form, Problem.badField("id", p.getMessage().replaceFirst("^tenantId: ", "")), response);
        }
        if (tenants.find(id).isPresent()) {
            // a create never replaces: the form would drop the stored secrets' meaning and every setting not typed again
            return refused(model, null, form, Problem.badField("id", "a tenant '" + id + "' exists already; open its settings to change it"),
                    response);
        }
        return save(id, form, model, response, result);
    }

    @GetMapping("/tenants/{tenantId}/settings")
    public String edit(@PathVariable String tenantId, Model model) {
        Tenant tenant = tenants.get(tenantId);
        return form(model, tenant, TenantForm.values(tenant), Map.of(), null);
    }

    @PostMapping("/tenants/{tenantId}/settings")
    public String update(@PathVariable String tenantId, @RequestParam Map<String, String> form, Model model,
                         HttpServletResponse response, RedirectAttributes result) {
        tenants.get(tenantId);
        return save(tenantId, form, model, response, result);
    }

    @PostMapping("/tenants/{tenantId}/settings/test")
    public String test(@PathVariable String tenantId, RedirectAttributes result) {
        Tenant tenant = tenants.get(tenantId);
        result.addFlashAttribute("checks", connections.check(tenant));
        return "redirect:/tenants/" + tenantId + "/settings";
    }

    private String save(String id, Map<String, String> form, Model model, HttpServletResponse response, RedirectAttributes result) {
        try {
            TenantRequest request = TenantForm.request(form, tenants.accountingSystems(), tenants.agencies(), json);
            TenantService.Saved saved = tenants.put(id, request);
            result.addFlashAttribute("saved", saved.created() ? "created" : "saved");
            return "redirect:/tenants/" + id + "/settings";
        } catch (Problem p) {
            return refused(model, tenants.find(id).orElse(null), form, p, response);
        }
    }

    /** The form again with what was typed (never a secret), and the refusal beside its input. */
    private String refused(Model model, Tenant tenant, Map<String, String> form, Problem p, HttpServletResponse response) {
        response.setStatus(p.kind() == Problem.Kind.CONFLICT ? 409 : 400);
        Map<String, String> values = new LinkedHashMap<>(form);
        values.keySet().removeIf(k -> k.equals("_csrf") || isSecret(k));
        String input = TenantForm.input(p.field(), form);
        Map<String, String> errors = input == null ? Map.of() : Map.of(input, p.getMessage());
        return form(model, tenant, values, errors, p.getMessage());
    }

    /** Whether the input is a secret of a system ({@code agency.kravia.token}): its value is never shown again. */
    private boolean isSecret(String input) {
        return isSecret(input, "accounting", tenants.accountingSystems()) || isSecret(input, "agency", tenants.agencies());
    }

    private static boolean isSecret(String input, String side, java.util.List<? extends eu.indriva.tenant.SystemPlugin> systems) {
        return systems.stream().anyMatch(s -> s.secretFields().stream().anyMatch(f -> input.equals(side + "." + s.system() + "." + f)));
    }

    private String form(Model model, Tenant tenant, Map<String, String> values, Map<String, String> errors, String problem) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        model.addAttribute("accountingSystems", tenants.accountingSystems());
        model.addAttribute("agencies", tenants.agencies());
        model.addAttribute("services", AgencyService.values());
        model.addAttribute("secretsSet", tenant == null ? Map.of("accounting", java.util.Set.of(), "agency", java.util.Set.of())
                : tenants.secretsSet(tenant.id()));
        return "settings";
    }
}
