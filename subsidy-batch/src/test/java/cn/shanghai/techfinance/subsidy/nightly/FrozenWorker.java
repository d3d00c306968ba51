package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.SubsidyBatchApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A nightly worker process ({@link ScaleOutNightTest} starts it with the worker's arguments) that
 * stops dead before the second chunk write it is asked for — inside that chunk's transaction — and
 * says so in the file {@code frozen-worker.marker}, to be killed there as a lost pod would be.
 */
public final class FrozenWorker {

    private FrozenWorker() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(SubsidyBatchApplication.class, Freeze.class).run(args);
    }

    /** Not a {@code @Configuration}: no other context's component scan picks it up. */
    static class Freeze {
        @Bean
        NightlyStepListener freezeBeforeSecondWrite(@Value("${frozen-worker.marker}") Path marker) {
            return new FreezingListener(marker);
        }
    }

    static final class FreezingListener implements NightlyStepListener, ItemWriteListener<Object> {
        private final Path marker;
        private final AtomicInteger writes = new AtomicInteger();

        FreezingListener(Path marker) {
            this.marker = marker;
        }

        @Override
        public void beforeWrite(Chunk<?> items) {
            if (writes.incrementAndGet() != 2) {
                return;
            }
            try {
                Files.writeString(marker, "frozen");
                new CountDownLatch(1).await();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
