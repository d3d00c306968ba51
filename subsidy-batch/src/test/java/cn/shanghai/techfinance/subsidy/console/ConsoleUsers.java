package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.identity.DemoUser;
import cn.shanghai.techfinance.identity.LocalDemoUsers;
import java.util.List;

/** The people of the console's tests, as the local run has them (LocalDemoUsers): officer wang prepares, approver li approves, zhao audits. */
public final class ConsoleUsers {

    public static final DemoUser WANG = LocalDemoUsers.WANG;
    public static final DemoUser LI = LocalDemoUsers.LI;
    public static final DemoUser ZHAO = LocalDemoUsers.ZHAO;
    public static final List<DemoUser> STAFF = LocalDemoUsers.STAFF;

    private ConsoleUsers() {
    }

    /** A firm that signs in by its USCC (its password: {@code firm-demo}). */
    public static DemoUser firm(String uscc, String name) {
        return LocalDemoUsers.firm(uscc, name);
    }
}
