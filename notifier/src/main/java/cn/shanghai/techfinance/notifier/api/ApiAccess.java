package cn.shanghai.techfinance.notifier.api;

import static cn.shanghai.techfinance.security.Access.anyOf;
import static cn.shanghai.techfinance.security.Access.ownBank;
import static cn.shanghai.techfinance.security.Access.ownFirm;
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
 * Who may call what: a bank or an insurer registers and reads its own webhook, a firm its own contact address;
 * banks, insurers and firms read their own deliveries (the controller keeps them to their own); officers
 * redeliver and read everything, auditors read everything. Anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
public class ApiAccess {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiSecurity api) {
        return api.filterChain(http, rules -> rules
                .requestMatchers(HttpMethod.PUT, "/api/v1/banks/{bankCode}/webhook").access(ownBank("bankCode"))
                .requestMatchers(HttpMethod.GET, "/api/v1/banks/{bankCode}/webhook")
                .access(anyOf(ownBank("bankCode"), roles(Role.OFFICER, Role.AUDITOR)))
                .requestMatchers(HttpMethod.PUT, "/api/v1/insurers/{insurerCode}/webhook").access(ownInsurer("insurerCode"))
                .requestMatchers(HttpMethod.GET, "/api/v1/insurers/{insurerCode}/webhook")
                .access(anyOf(ownInsurer("insurerCode"), roles(Role.OFFICER, Role.AUDITOR)))
                .requestMatchers(HttpMethod.PUT, "/api/v1/firms/{uscc}/contact").access(ownFirm("uscc"))
                .requestMatchers(HttpMethod.GET, "/api/v1/firms/{uscc}/contact")
                .access(anyOf(ownFirm("uscc"), roles(Role.OFFICER, Role.AUDITOR)))
                .requestMatchers(HttpMethod.GET, "/api/v1/deliveries", "/api/v1/deliveries/{id}")
                .access(roles(Role.BANK, Role.INSURER, Role.FIRM, Role.OFFICER, Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/v1/deliveries/{id}/redelivery").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/dead-letters", "/api/v1/dead-letters/{id}/payload")
                .access(roles(Role.OFFICER, Role.AUDITOR)));
    }
}
