package cn.shanghai.techfinance.subsidy.console.services;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's denied page, answered with 403, for a person the URL rules let in who may not do what
 * the request asks (an approver on intake's rejections, an auditor redelivering): the controller decides.
 */
final class Denied {

    private Denied() {
    }

    static String page(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }
}
