import { defineHttpApiSuite } from './helpers/http-suite.js';

// The local runtime's own store: dynalite on disk, started by the server itself.
defineHttpApiSuite('dynalite', async () => ({ options: {}, stop: async () => {} }));
