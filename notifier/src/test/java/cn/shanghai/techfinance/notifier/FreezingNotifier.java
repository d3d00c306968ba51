package cn.shanghai.techfinance.notifier;

import cn.shanghai.techfinance.notifier.delivery.BatchChannelSender;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The notifier as deployed, except that its results publisher freezes in the middle of a batch:
 * once it has sent {@code freezing-notifier.after} results to the broker (and had them
 * acknowledged), it writes {@code freezing-notifier.marker} and sends nothing more, holding its
 * lane's claim, until the process is killed ({@link TwoInstancesTest}).
 */
public final class FreezingNotifier {

    private FreezingNotifier() {
    }

    public static void main(String[] args) {
        // added to this application only: a @Configuration here would be scanned into the tests' own context
        new SpringApplicationBuilder(NotifierApplication.class).initializers(context -> {
            int after = context.getEnvironment().getRequiredProperty("freezing-notifier.after", Integer.class);
            Path marker = Path.of(context.getEnvironment().getRequiredProperty("freezing-notifier.marker"));
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof BatchChannelSender sender ? new Frozen(sender, after, marker) : bean;
                }
            });
        }).run(args);
    }

    private record Frozen(BatchChannelSender sender, int after, Path marker, AtomicInteger sent) implements BatchChannelSender {

        Frozen(BatchChannelSender sender, int after, Path marker) {
            this(sender, after, marker, new AtomicInteger());
        }

        @Override
        public Channel channel() {
            return sender.channel();
        }

        @Override
        public String endpoint(String recipient) {
            return sender.endpoint(recipient);
        }

        @Override
        public Duration answerTimeout() {
            return sender.answerTimeout();
        }

        @Override
        public CompletableFuture<?> start(DueDelivery delivery) {
            if (sent.incrementAndGet() <= after) {
                return sender.start(delivery);
            }
            try {
                // the batch's records started so far reach the broker; this one and the rest never leave
                TimeUnit.SECONDS.sleep(2);
                Files.writeString(marker, delivery.recipient() + " " + delivery.id());
                TimeUnit.DAYS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return CompletableFuture.failedFuture(new IllegalStateException("frozen"));
        }
    }
}
