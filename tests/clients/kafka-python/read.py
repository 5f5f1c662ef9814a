"""Reads COUNT records of partition 0 of TOPIC from its start, fetching at most MAX_BYTES of that partition at a
time, and prints their values as a JSON list.

Usage: python3 read.py BOOTSTRAP TOPIC COUNT MAX_BYTES
"""
import json
import sys

from kafka import KafkaConsumer, TopicPartition


def main(bootstrap, topic, count, max_bytes):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                             max_partition_fetch_bytes=int(max_bytes), consumer_timeout_ms=30000)
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    consumer.seek_to_beginning(partition)
    values = []
    for message in consumer:
        values.append(message.value.decode())
        if len(values) == int(count):
            break
    consumer.close()
    print(json.dumps(values))


if __name__ == "__main__":
    main(*sys.argv[1:5])
