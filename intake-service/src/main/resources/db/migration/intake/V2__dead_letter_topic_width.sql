-- intake subscribes to every topic named like a bank's ('tf.bank.<anything>.events.v1'; the binder
-- cannot take a {2,16} quantifier), so a record can arrive on a topic whose bank code is longer than
-- the contract allows. Such a record is dead-lettered, with its topic name, which Kafka allows up to
-- 249 characters: at 64 the insert failed, the batch was retried for ever and the consumer stopped.
ALTER TABLE intake_dead_letter MODIFY kafka_topic VARCHAR(249) NOT NULL;
