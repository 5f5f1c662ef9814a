// Reads COUNT records of partition 0 of TOPIC from its start in a new consumer group, fetching at most MAX_BYTES
// of a partition at a time, and prints their values as a JSON list.
// Usage: node read.js BOOTSTRAP TOPIC COUNT MAX_BYTES
const { Kafka, logLevel } = require('kafkajs');
const { readValues } = require('./values');

async function main() {
  const [bootstrap, topic, count, maxBytes] = process.argv.slice(2);
  const kafka = new Kafka({ clientId: 'sluice-kafkajs-test', brokers: [bootstrap], logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: `${topic}-kafkajs`, maxBytesPerPartition: Number(maxBytes) });
  const values = await readValues(consumer, topic, Number(count));
  console.log(JSON.stringify(values));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
