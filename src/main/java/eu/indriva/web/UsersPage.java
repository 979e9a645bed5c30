package eu.indriva.web;

import eu.indriva.problem.Problem;
import eu.indriva.tenant.TenantService;
import eu.indriva.user.UserRequest;
import eu.indriva.user.UserRequests;
import eu.indriva.user.UserRole;
import eu.indriva.user.UserService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Platform admins manage the client web's users: the same {@link UserService} as
 * {@code PUT/DELETE /api/v1/users/{username}}, so the same rules and words (12 characters at least,
 * a creditor user needs a tenant). A password is write-only; left empty on a change, it is kept.
 * Removing asks for a confirmation first; nobody removes or disables their own account here.
 */
@Controller
public class UsersPage {

    private final UserService users;
    private final TenantService tenants;

    public UsersPage(UserService users, TenantService tenants) {
        this.users = users;
        this.tenants = tenants;
    }

    @GetMapping("/users")
    public String list(@RequestParam(required = false) String edit, @RequestParam(required = false) String remove, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("role", UserRole.CREDITOR.name());
        values.put("enabled", "true");
        if (edit != null) {
            users.find(edit).ifPresent(u -> {
                values.put("username", u.username());
                values.put("role", u.role().name());
                values.put("tenantId", u.tenantId() == null ? "" : u.tenantId());
                values.put("enabled", Boolean.toString(u.enabled()));
            });
        }
        model.addAttribute("remove", remove == null ? null : users.find(remove).orElse(null));
        return page(model, values, null, null);
    }

    @PostMapping("/users")
    public String save(@RequestParam Map<String, String> form, @AuthenticationPrincipal SignedIn who, Model model,
                       HttpServletResponse response, RedirectAttributes result) {
        String username = form.getOrDefault("username", "").trim();
        boolean enabled = TenantForm.checked(form, "enabled");
        try {
            if (username.isEmpty()) {
                throw Problem.badField("username", "is required");
            }
            if (UserRequests.key(username).equals(who.username()) && (!enabled || !UserRole.PLATFORM_ADMIN.name().equals(form.get("role")))) {
                throw Problem.badField("enabled", "you cannot disable your own account or take away your own admin role here");
            }
            String password = form.get("password");
            UserService.Saved saved = users.put(username, new UserRequest(form.get("role"), blankToNull(form.get("tenantId")),
                    blankToNull(password), enabled));
            result.addFlashAttribute("done", (saved.created() ? "created:" : "saved:") + saved.user().username());
            return "redirect:/users";
        } catch (Problem p) {
            response.setStatus(p.kind() == Problem.Kind.CONFLICT ? 409 : 400);
            Map<String, String> values = new LinkedHashMap<>(form);
            values.remove("password");
            values.remove("_csrf");
            return page(model, values, p.field() == null ? "username" : p.field(), p.getMessage());
        }
    }

    @PostMapping("/users/{username}/remove")
    public String remove(@PathVariable String username, @AuthenticationPrincipal SignedIn who, RedirectAttributes result) {
        if (UserRequests.key(username).equals(who.username())) {
            result.addFlashAttribute("refused", "you cannot remove your own account");
        } else if (users.delete(username)) {
            result.addFlashAttribute("done", "removed:" + UserRequests.key(username));
        } else {
            result.addFlashAttribute("refused", "there is no user '" + username + "'");
        }
        return "redirect:/users";
    }

    private String page(Model model, Map<String, String> values, String errorField, String error) {
        model.addAttribute("users", users.all());
        model.addAttribute("tenants", tenants.all());
        model.addAttribute("roles", UserRole.values());
        model.addAttribute("values", values);
        model.addAttribute("errorField", errorField);
        model.addAttribute("error", error);
        if (!model.containsAttribute("remove")) {
            model.addAttribute("remove", null);
        }
        return "users";
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
