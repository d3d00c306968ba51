package cn.shanghai.techfinance.subsidy;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * subsidy-batch: the subsidy rules and the Spring Batch jobs (nightly claims; publication,
 * confirmation and settlement to come), with the firm and officer HTTP API.
 */
@SpringBootApplication
@EnableScheduling
public class SubsidyBatchApplication {

    /**
     * The configuration file is subsidy-batch.yml, not application.yml: the end-to-end tests run
     * the real intake service in the same JVM, and each must find its own file.
     */
    public static final String CONFIG_NAME = "subsidy-batch";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SubsidyBatchApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Jobs run on their own thread: an HTTP request that starts a night returns at once. */
    @Bean
    @BatchTaskExecutor
    public TaskExecutor batchTaskExecutor() {
        return new SimpleAsyncTaskExecutor("nightly-");
    }
}
