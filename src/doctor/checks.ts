import type { Check } from './check.js';
import { credentialsCheck } from './checks/credentials.js';
import { endpointsCheck } from './checks/endpoints.js';
import { accountCheck, clockCheck, listenKeyCheck } from './checks/exchange.js';
import { networkChecks } from './checks/network.js';
import { streamCheck } from './checks/stream.js';

/** Every doctor check, in the order a problem is best found: configuration, network, exchange, stream. */
export const DOCTOR_CHECKS: readonly Check[] = [credentialsCheck, endpointsCheck, ...networkChecks, clockCheck, listenKeyCheck, accountCheck, streamCheck];
