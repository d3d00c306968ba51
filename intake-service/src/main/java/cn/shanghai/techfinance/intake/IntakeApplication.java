package cn.shanghai.techfinance.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** intake-service: banks' events in over Kafka, validated, stored once in the ledger, outcomes out. */
@SpringBootApplication
@EnableScheduling
public class IntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
