package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.identity.DemoUser;
import java.util.List;

/** The people of the console's tests, as the local run has them: officer wang prepares, approver li approves, zhao audits. */
public final class ConsoleUsers {

    public static final DemoUser WANG = DemoUser.staff("wang", "wang-demo", "王科长（经办）", "OFFICER");
    public static final DemoUser LI = DemoUser.staff("li", "li-demo", "李处长（复核）", "APPROVER");
    public static final DemoUser ZHAO = DemoUser.staff("zhao", "zhao-demo", "赵审计", "AUDITOR");
    public static final List<DemoUser> STAFF = List.of(WANG, LI, ZHAO);

    private ConsoleUsers() {
    }

    /** A firm that signs in by its USCC (its password: {@code firm-demo}). */
    public static DemoUser firm(String uscc, String name) {
        return DemoUser.firm(uscc, "firm-demo", name);
    }
}
