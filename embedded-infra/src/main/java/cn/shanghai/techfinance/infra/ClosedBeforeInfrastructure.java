package cn.shanghai.techfinance.infra;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Every Spring application started in a JVM that has this module (the tests', the local run's) is
 * closed at exit before the shared broker and database stop ({@link SharedInfrastructure#closeBeforeStopping}),
 * and forgotten once it closes on its own. Registered in META-INF/spring.factories.
 */
public final class ClosedBeforeInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        SharedInfrastructure.closeBeforeStopping(context);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                SharedInfrastructure.forget(context);
            }
        });
    }
}
