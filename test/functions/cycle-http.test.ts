import { defineCycleSuite } from './helpers/cycle-suite.js';

// The local runtime's own store: dynalite on disk, started by the server itself.
defineCycleSuite('dynalite', async () => ({ options: {}, stop: async () => {} }));
