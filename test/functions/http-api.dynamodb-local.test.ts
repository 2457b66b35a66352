import { defineHttpApiSuite } from './helpers/http-suite.js';
import { startDynamoDbLocal } from './helpers/servers.js';

// The same end-to-end suite with Amazon's DynamoDB Local behind the handlers, for fidelity.
defineHttpApiSuite('DynamoDB Local', async () => {
  const server = await startDynamoDbLocal();
  return { options: { dynamoEndpoint: server.endpoint, tableName: 'planner' }, stop: () => server.stop() };
});
