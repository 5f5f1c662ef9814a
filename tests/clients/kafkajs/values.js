// Shared by the scripts: the values of the first COUNT records a new consumer of a topic reads from its start.

async function readValues(consumer, topic, count) {
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const values = [];
  await new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        values.push(message.value.toString());
        if (values.length === count) {
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return values;
}

module.exports = { readValues };
