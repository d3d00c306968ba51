package cn.shanghai.techfinance.subsidy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** subsidy-batch: subsidy rules and the Spring Batch jobs (nightly claims, publication, settlement). */
@SpringBootApplication
public class SubsidyBatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(SubsidyBatchApplication.class, args);
    }
}
