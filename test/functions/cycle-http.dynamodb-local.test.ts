import { defineCycleSuite } from './helpers/cycle-suite.js';
import { startDynamoDbLocal } from './helpers/servers.js';

// The same planning-cycle suite with Amazon's DynamoDB Local behind the handlers, for fidelity.
defineCycleSuite('DynamoDB Local', async () => {
  const server = await startDynamoDbLocal();
  return { options: { dynamoEndpoint: server.endpoint, tableName: 'planner' }, stop: () => server.stop() };
});
