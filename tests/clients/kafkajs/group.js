// Creates a topic, produces 20 keyed records, reads them back as a member of a consumer group, and prints as
// JSON what was read, what the group committed and the group's state once the member left.
// Usage: node group.js BOOTSTRAP TOPIC GROUP
const { Kafka, Partitioners, logLevel } = require('kafkajs');
const { readValues } = require('./values');

const RECORDS = 20;

async function main() {
  const [bootstrap, topic, groupId] = process.argv.slice(2);
  const kafka = new Kafka({ clientId: 'sluice-kafkajs-test', brokers: [bootstrap], logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const messages = [];
  for (let i = 0; i < RECORDS; i++) {
    messages.push({ key: `k${i}`, value: `v${i}` });
  }
  await producer.send({ topic, messages, acks: -1 });
  await producer.disconnect();

  const values = await readValues(kafka.consumer({ groupId }), topic, RECORDS);

  const [fetched] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = {};
  for (const { partition, offset } of fetched.partitions) {
    committed[partition] = Number(offset);
  }
  const { groups } = await admin.describeGroups([groupId]);
  await admin.disconnect();
  console.log(JSON.stringify({ values: values.sort(), committed, state: groups[0].state }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
