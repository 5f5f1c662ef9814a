"""Creates a topic, produces 20 keyed records, reads them back as a member of a consumer group, and prints as
JSON what was read, what the group committed and the group's state once the member left.

Usage: python3 group.py BOOTSTRAP TOPIC GROUP
"""
import json
import sys

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

RECORDS = 20


def main(bootstrap, topic, group):
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="sluice-kafka-python-test")
    admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])

    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    for i in range(RECORDS):
        producer.send(topic, key=b"k%d" % i, value=b"v%d" % i)
    producer.flush()
    producer.close()

    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=30000)
    values = []
    for message in consumer:
        values.append(message.value.decode())
        if len(values) == RECORDS:
            break
    consumer.commit()
    consumer.close()

    committed = {str(tp.partition): meta.offset for tp, meta in admin.list_consumer_group_offsets(group).items()}
    state = admin.describe_consumer_groups([group])[0].state
    admin.close()
    print(json.dumps({"values": sorted(values), "committed": committed, "state": state}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
