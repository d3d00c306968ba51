package cn.shanghai.techfinance.contracts;

/** A topic of the system and the number of partitions it is created with, in production as in tests. */
public record TopicSpec(String name, int partitions) {

    public TopicSpec {
        if (name == null || name.isBlank() || partitions < 1) {
            throw new IllegalArgumentException("a topic needs a name and at least one partition: " + name + "/" + partitions);
        }
    }
}
