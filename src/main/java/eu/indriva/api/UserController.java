package eu.indriva.api;

import eu.indriva.problem.Problem;
import eu.indriva.user.UserRequest;
import eu.indriva.user.UserService;
import eu.indriva.user.WebUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The client web's users, managed with the admin token (indriva-api.yaml, /api/v1/users). */
@RestController
@RequestMapping("/api/v1/users")
public class UserController {

    private final UserService users;

    public UserController(UserService users) {
        this.users = users;
    }

    @PutMapping("/{username}")
    public ResponseEntity<WebUser> put(@PathVariable String username, @RequestBody(required = false) UserRequest request) {
        UserService.Saved saved = users.put(username, request);
        return ResponseEntity.status(saved.created() ? 201 : 200).body(saved.user());
    }

    @GetMapping("/{username}")
    public WebUser one(@PathVariable String username) {
        return users.find(username)
                .orElseThrow(() -> Problem.notFound("no user '" + username + "'"));
    }

    @DeleteMapping("/{username}")
    public ResponseEntity<Void> delete(@PathVariable String username) {
        if (!users.delete(username)) {
            throw Problem.notFound("no user '" + username + "'");
        }
        return ResponseEntity.noContent().build();
    }
}
