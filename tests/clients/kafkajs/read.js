// Reads COUNT records of partition 0 of TOPIC from its start in a new consumer group, fetching at most MAX_BYTES
// of a partition at a time, and prints their values as a JSON list.
// Usage: node read.js BOOTSTRAP TOPIC COUNT MAX_BYTES
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const [bootstrap, topic, count, maxBytes] = process.argv.slice(2);
  const kafka = new Kafka({ clientId: 'sluice-kafkajs-test', brokers: [bootstrap], logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: `${topic}-kafkajs`, maxBytesPerPartition: Number(maxBytes) });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const values = [];
  await new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value.toString());
        if (values.length === Number(count)) {
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  console.log(JSON.stringify(values));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
