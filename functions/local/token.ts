import { optionalEnv } from '../lib/env.js';
import { localSecret, signToken } from './jwt.js';
import { DEFAULT_DATA_DIR } from './paths.js';
import { PROVINCE_PATTERN } from '../lib/rules.js';

/**
 * Prints a bearer token for the local server, signed with the same secret
 * (LOCAL_JWT_SECRET, or the one kept in DATA_DIR). The token is alone on the
 * last line of stdout, so `$(npm run -s token -- --reviewer)` captures it.
 *
 *   npm run token -- --province GD [--province ZJ] [--sub alice] [--hours 12]
 *   npm run token -- --reviewer
 */
function usage(message: string): never {
  console.error(`${message}\nusage: npm run token -- --province XX | --reviewer [--sub NAME] [--hours N]`);
  process.exit(2);
}

const groups: string[] = [];
let subject = 'local-user';
let hours = 12;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const value = () => args[++i] ?? usage(`${arg} needs a value`);
  if (arg === '--province') {
    const province = value();
    if (!PROVINCE_PATTERN.test(province)) usage(`not a province code: ${province}`);
    groups.push(`province-${province}`);
  } else if (arg === '--reviewer') groups.push('reviewer');
  else if (arg === '--sub') subject = value();
  else if (arg === '--hours') {
    hours = Number(value());
    if (!(hours > 0)) usage('--hours must be a positive number');
  } else usage(`unknown argument: ${arg}`);
}
if (groups.length === 0) usage('say which role: --province XX or --reviewer');

let secret: string;
try {
  secret = localSecret(optionalEnv('DATA_DIR') ?? DEFAULT_DATA_DIR, process.env.LOCAL_JWT_SECRET);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
console.error(`# ${subject}, groups ${groups.join(', ')}, valid ${hours} h`);
console.log(signToken({ sub: subject, 'cognito:groups': groups, ttlSeconds: Math.round(hours * 3600) }, secret));
