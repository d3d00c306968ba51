package cn.shanghai.techfinance.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The API description says how to call the API: every operation wants a bearer JWT, so a bank's
 * integrator (and Swagger UI's "Authorize") sees it in {@code /v3/api-docs}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class BearerApiDocs {

    static final String SCHEME = "bearer-jwt";

    @Bean
    OpenApiCustomizer bearerJwtScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("A JWT of the city's identity provider; claims roles, bank_code (BANK), uscc (FIRM)"));
            openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        };
    }
}
