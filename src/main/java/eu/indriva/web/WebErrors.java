package eu.indriva.web;

import eu.indriva.problem.Problem;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A page's refusal or failure as a page in words (the admin API answers JSON: ApiErrors). */
@ControllerAdvice(assignableTypes = {WebPages.class, ClaimPages.class, AttentionPage.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

    @ExceptionHandler(Problem.class)
    String problem(Problem p, Model model, HttpServletResponse response) {
        response.setStatus(switch (p.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
            default -> 400;
        });
        model.addAttribute("message", p.getMessage());
        return "error";
    }

    /** A refusal inside a page (not the tenant check in front of it): the same 403 page. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    String denied(HttpServletResponse response) {
        response.setStatus(403);
        return "error/403";
    }

    @ExceptionHandler(Exception.class)
    String failure(Exception e, Model model, HttpServletResponse response) {
        log.error("web page failed: {}", e.toString(), e);
        response.setStatus(500);
        model.addAttribute("message", null);
        return "error";
    }
}
