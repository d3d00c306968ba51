package cn.shanghai.techfinance.subsidy.api;

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
 * Who may call what: officers start nights, load the working-day calendar, publish claims, prepare and reconcile
 * settlements, record recoveries, price what-ifs of draft rules; approvers approve settlements (never their own: Settlements refuses that); a firm reads
 * and confirms its own claims, a bank reads the claims on its own loans, an insurer those on its own 科技保险 policies; officers and auditors read everything, a claim's
 * audit trail included; the whole trail by date is the auditors'; every role reads the public publication notices.
 * Anything not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
public class ApiAccess {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiSecurity api) {
        return api.filterChain(http, rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/v1/runs/nightly").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/runs/nightly", "/api/v1/runs/{executionId}", "/api/v1/claims/export")
                .access(roles(Role.OFFICER, Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/v1/claims/{claimId}/recovery").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/claims/{claimId}/transitions").access(roles(Role.OFFICER, Role.AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/transitions").access(roles(Role.AUDITOR))
                .requestMatchers(HttpMethod.PUT, "/api/v1/business-clock").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/business-clock").access(roles(Role.OFFICER, Role.AUDITOR))
                .requestMatchers(HttpMethod.PUT, "/api/v1/calendar/{year}").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/calendar/{year}").access(roles(Role.OFFICER, Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/v1/settlements", "/api/v1/settlements/{id}/preparation",
                        "/api/v1/settlements/{id}/reconciliation").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.POST, "/api/v1/settlements/{id}/approval").access(roles(Role.APPROVER))
                .requestMatchers(HttpMethod.GET, "/api/v1/settlements", "/api/v1/settlements/{id}", "/api/v1/settlements/{id}/payments.csv",
                        "/api/v1/settlements/{id}/pain.001.xml", "/api/v1/budgets/{program}/{year}")
                .access(roles(Role.OFFICER, Role.APPROVER, Role.AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/firms/{uscc}/claims")
                .access(anyOf(ownFirm("uscc"), roles(Role.OFFICER, Role.AUDITOR)))
                .requestMatchers(HttpMethod.POST, "/api/v1/firms/{uscc}/claims/{claimId}/confirmation").access(ownFirm("uscc"))
                .requestMatchers(HttpMethod.POST, "/api/v1/publications").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/publications", "/api/v1/publications/{id}",
                        "/api/v1/publications/{id}/list.csv", "/api/v1/publications/{id}/list.xlsx")
                .access(roles(Role.OFFICER, Role.AUDITOR))
                // the public version (公示), USCCs masked: anyone holding one of our roles
                .requestMatchers(HttpMethod.GET, "/api/v1/publications/{id}/notice.csv", "/api/v1/publications/{id}/notice.xlsx")
                .access(roles(Role.values()))
                .requestMatchers("/api/v1/what-ifs", "/api/v1/what-ifs/{id}").access(roles(Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/banks/{bankCode}/claims")
                .access(anyOf(ownBank("bankCode"), roles(Role.OFFICER, Role.AUDITOR)))
                .requestMatchers(HttpMethod.GET, "/api/v1/insurers/{insurerCode}/claims")
                .access(anyOf(ownInsurer("insurerCode"), roles(Role.OFFICER, Role.AUDITOR))));
    }
}
