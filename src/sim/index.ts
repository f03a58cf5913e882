/** The simulated Binance Futures exchange: a loopback REST + user-data WebSocket server for tests and the demo. */
export { SIM_API_KEY, SIM_API_SECRET, createSimExchange, type SimAccount, type SimExchange, type SimOptions } from './exchange.js';
export type { SimState } from './control-methods.js';
export { SimControlError, faultOf, type SimFillInput, type SimOrderInput } from './control-input.js';
export type { SimFailRule } from './fail-rules.js';
export { SIM_FAULT_KINDS, type SimFault, type SimFaultResult } from './faults.js';
export * from './fixtures.js';
export type { SimFlow, SimFlowOptions } from './flow.js';
export { randomListenKey } from './listen-keys.js';
export { REST_PREFIX, SIM_MARKETS, type SimMarket } from './market.js';
export type * from './order-types.js';
export type { SimOrderResult, SimSent } from './order-results.js';
export { SimOrderBook, type SimFillAt, type SimOrderSpec } from './orders.js';
export { type Random, seededRandom } from './random.js';
export type { SimRequest } from './rest.js';
export { type DemoScenarioOptions, type SimScenario, demoScenario } from './scenarios.js';
export { SIM_SYMBOLS, type SimSymbol } from './symbols.js';
export type { SimConnection, SimFrameCounts, SimRefusal } from './ws.js';
