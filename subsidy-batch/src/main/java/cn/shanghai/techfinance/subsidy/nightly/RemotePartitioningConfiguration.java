package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.expression.common.LiteralExpression;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.kafka.dsl.Kafka;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Remote partitioning of {@code computeClaims} (Spring Batch Integration over Spring Integration
 * Kafka), as Apache Fineract's close-of-business job does it: the manager sends one
 * {@link PartitionRequest} per slice to {@link Topics#NIGHTLY_PARTITIONS} and polls the shared job
 * repository for the slices' step executions (no reply channel); the workers, one consumer group,
 * each run one slice at a time.
 *
 * <p>Properties: {@code subsidy.nightly.manager.timeout} (how long the manager waits for all slices,
 * default 1 h), {@code subsidy.nightly.manager.poll-interval} (default 2 s);
 * {@code subsidy.nightly.worker.slice-timeout} (default 30 min: the consumer's
 * {@code max.poll.interval.ms}, so longer than the longest slice — past it the group takes the
 * worker for dead and hands its request to another).
 */
@Configuration(proxyBeanMethods = false)
public class RemotePartitioningConfiguration {

    /** The worker step, by its bean name: what the requests ask the workers to run. */
    static final String WORKER_STEP = "computeFirmClaims";
    /** The workers' consumer group on {@link Topics#NIGHTLY_PARTITIONS} (its ACL: embedded-infra's KafkaAccess, docs/operations.md). */
    static final String WORKERS_GROUP = "subsidy-batch-nightly-workers";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = NightlyRole.PROPERTY, havingValue = "manager")
    @EnableIntegration
    static class Manager {

        @Bean
        DirectChannel nightlyPartitionRequests() {
            return new DirectChannel();
        }

        @Bean
        IntegrationFlow nightlyPartitionRequestsToKafka(DirectChannel nightlyPartitionRequests, KafkaTemplate<byte[], byte[]> kafka) {
            KafkaProducerMessageHandler<byte[], byte[]> toTopic = new KafkaProducerMessageHandler<>(kafka);
            toTopic.setTopicExpression(new LiteralExpression(Topics.NIGHTLY_PARTITIONS));
            // waits for the broker's acknowledgement: a request not taken fails the step at once, not after the timeout
            toTopic.setSync(true);
            return IntegrationFlow.from(nightlyPartitionRequests)
                    .enrichHeaders(h -> h
                            .headerFunction(KafkaHeaders.KEY, m -> String.valueOf(stepExecutionId(m)).getBytes(StandardCharsets.UTF_8))
                            // consecutive step executions on consecutive partitions, which the round-robin
                            // assignment spreads over the workers: a night's slices run side by side
                            .headerFunction(KafkaHeaders.PARTITION, m -> (int) (stepExecutionId(m) % Topics.PARTITIONS)))
                    .transform(StepExecutionRequest.class,
                            r -> ContractJson.write(new PartitionRequest(r.getStepName(), r.getStepExecutionId())))
                    .handle(toTopic)
                    .get();
        }

        private static long stepExecutionId(Message<?> request) {
            return ((StepExecutionRequest) request.getPayload()).getStepExecutionId();
        }

        @Bean
        WorkerSlices workerSlices(DirectChannel nightlyPartitionRequests, JobRepository jobRepository,
                                  @Value("${subsidy.nightly.partitions:4}") int partitions,
                                  @Value("${subsidy.nightly.manager.timeout:1h}") Duration timeout,
                                  @Value("${subsidy.nightly.manager.poll-interval:2s}") Duration pollInterval) throws Exception {
            MessageChannelPartitionHandler requests = new MessageChannelPartitionHandler();
            requests.setStepName(WORKER_STEP);
            requests.setGridSize(partitions);
            requests.setMessagingOperations(new MessagingTemplate(nightlyPartitionRequests));
            // with a job repository and no reply channel it polls the repository for the slices' ends
            requests.setJobRepository(jobRepository);
            requests.setPollInterval(pollInterval.toMillis());
            requests.setTimeout(timeout.toMillis());
            requests.afterPropertiesSet();
            return new WorkerSlices(requests, jobRepository, timeout);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = NightlyRole.PROPERTY, havingValue = "worker")
    @EnableIntegration
    static class Worker {

        @Bean
        PartitionRequests partitionRequests(JobRepository jobRepository, BeanFactory beanFactory) {
            BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
            steps.setBeanFactory(beanFactory);
            StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
            handler.setJobRepository(jobRepository);
            handler.setStepLocator(steps);
            return new PartitionRequests(jobRepository, handler, WORKER_STEP);
        }

        @Bean
        IntegrationFlow nightlyPartitionRequestsFromKafka(KafkaProperties kafka, PartitionRequests partitionRequests,
                                                          @Value("${subsidy.nightly.worker.slice-timeout:30m}") Duration sliceTimeout) {
            Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, WORKERS_GROUP);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // a request sent before this group first joined is still read; one of an ended night is skipped as stale
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            // one slice per poll, committed once it has ended: a worker dying mid-slice leaves its request to the group
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
            config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) sliceTimeout.toMillis());
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RoundRobinAssignor.class.getName());
            ContainerProperties container = new ContainerProperties(Topics.NIGHTLY_PARTITIONS);
            container.setAckMode(ContainerProperties.AckMode.RECORD);
            var consumers = new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            return IntegrationFlow.from(Kafka.messageDrivenChannelAdapter(new KafkaMessageListenerContainer<>(consumers, container)))
                    .handle(byte[].class, (json, headers) -> {
                        partitionRequests.handle(ContractJson.read(json, PartitionRequest.class));
                        return null;
                    })
                    .get();
        }
    }
}
