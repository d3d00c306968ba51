package cn.shanghai.techfinance.identity;

import java.util.List;

/**
 * The demo people of the local run and the tests: officer wang prepares (经办), approver li approves
 * (复核), zhao audits; firms sign in by their USCC. Their passwords are shown on the login page.
 */
public final class LocalDemoUsers {

    public static final DemoUser WANG = DemoUser.staff("wang", "wang-demo", "王科长（经办）", "OFFICER");
    public static final DemoUser LI = DemoUser.staff("li", "li-demo", "李处长（复核）", "APPROVER");
    public static final DemoUser ZHAO = DemoUser.staff("zhao", "zhao-demo", "赵审计", "AUDITOR");
    public static final List<DemoUser> STAFF = List.of(WANG, LI, ZHAO);
    /** Every demo firm's password. */
    public static final String FIRM_PASSWORD = "firm-demo";

    private LocalDemoUsers() {
    }

    /** A firm that signs in by its USCC. */
    public static DemoUser firm(String uscc, String name) {
        return DemoUser.firm(uscc, FIRM_PASSWORD, name);
    }
}
