package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.BankEvent;
import java.util.List;

/** The default profile's run, generated once per test JVM (about nine thousand events). */
final class DefaultTraffic {

    static final List<BankEvent> EVENTS = new TrafficGenerator(TrafficProfile.defaults()).all();

    private DefaultTraffic() {
    }
}
