package io.kafkaha.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values fail at {@code helm install}, before anything reaches the cluster, with a message that names the
 * value and says what is wrong: values.schema.json for types, ranges and typos, the templates for combinations.
 */
class ChartSchemaTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            brokers: {replicas: 0}                              | brokers.replicas | greater than or equal to 1
            brokers: {replicas: three}                          | brokers.replicas | integer
            controllers: {replicas: 1.5}                        | controllers.replicas | integer
            brokers: {persistence: {size: 10GB}}                | brokers.persistence.size | pattern
            kafka: {version: 3.9.0}                             | kafka.version | pattern
            kafka: {version: 4.4}                               | kafka.version | string
            brokers: {replica: 3}                               | brokers | replica
            persistence: {size: 10Gi}                           | persistence | Additional property
            brokers: {config: {num.partitions: [6]}}            | num.partitions | array
            operator: {logLevel: verbose}                       | operator.logLevel | error
            operator: {image: {pullPolicy: Sometimes}}          | operator.image.pullPolicy | IfNotPresent
            operator: {healthPort: 70000}                       | operator.healthPort | less than or equal to 65535
            operator: {watchNamespaces: [Team_A]}               | operator.watchNamespaces | pattern
            cluster: {name: Kafka}                              | cluster.name | pattern
            tests: {durationSeconds: 0}                         | tests.durationSeconds | greater than or equal to 1
            controllers: {persistence: {enabled: false}}        | controllers.persistence.enabled=false is not supported | persistent volumes
            brokers: {persistence: {enabled: false, storageClass: fast}} | brokers.persistence.storageClass | emptyDir
            operator: {watchNamespaces: [team-a]}               | does not include the release's namespace data | add data to the list
            operator: {serviceAccount: {create: false}}         | operator.serviceAccount.name must name an existing ServiceAccount | create is false
            """)
    void refusesWithTheValueAndTheReason(String values, String names, String says) {
        assertThatThrownBy(() -> KafkaHaChart.render("kafka", "data", values))
                .hasMessageContaining(names)
                .hasMessageContaining(says);
    }
}
