package cn.shanghai.techfinance.intake.api;

import static cn.shanghai.techfinance.security.Access.anyOf;
import static cn.shanghai.techfinance.security.Access.ownBank;
import static cn.shanghai.techfinance.security.Access.ownInsurer;
import static cn.shanghai.techfinance.security.Access.roles;

import cn.shanghai.techfinance.security.ApiSecurity;
import cn.shanghai.techfinance.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what: a bank or an insurer reads the outcomes of its own events only (and its own
 * rejections: the controller keeps it to them); officers and auditors read every outcome, rejection and dead letter.
 * Anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
public class ApiAccess {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiSecurity api) {
        return api.filterChain(http, rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/events/bank/{bankCode}/{id}")
                .access(anyOf(ownBank("bankCode"), roles(Role.OFFICER, Role.AUDITOR)))
                .requestMatchers(HttpMethod.GET, "/api/v1/events/insurer/{insurerCode}/{id}")
                .access(anyOf(ownInsurer("insurerCode"), roles(Role.OFFICER, Role.AUDITOR)))
                .requestMatchers(HttpMethod.GET, "/api/v1/events/credit-platform/{id}", "/api/v1/dead-letters",
                        "/api/v1/dead-letters/{id}/payload")
                .access(roles(Role.OFFICER, Role.AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/rejections", "/api/v1/rejections/summary")
                .access(roles(Role.BANK, Role.INSURER, Role.OFFICER, Role.AUDITOR)));
    }
}
