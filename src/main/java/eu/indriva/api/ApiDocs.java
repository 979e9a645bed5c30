package eu.indriva.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header: what the API is and how it authenticates (the admin token as a
 * bearer), so Swagger UI's "Authorize" takes the token. The paths come from the controllers.
 */
@Configuration
public class ApiDocs {

    @Bean
    OpenAPI indrivaApi() {
        return new OpenAPI()
                .info(new Info().title("Indriva admin API").version("v1")
                        .description("Tenants, claims, transfers, previews, users and dead letters of the Indriva connector. "
                                + "Every /api call needs the admin token as a bearer; the webhooks are signed by the agency instead."))
                .components(new Components().addSecuritySchemes("admin",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("admin"));
    }
}
