/** The account-config event and its ACCOUNT_CONFIG_UPDATE frame. */
import { z } from 'zod';
import { header, Source, type MappedFields } from '../fields.js';
import { RawEventTime, time, wireMapping } from '../wire.js';

/** ACCOUNT_CONFIG_UPDATE: a leverage change (symbol + leverage) or a Multi-Assets mode change. */
export const AccountConfigEvent = z.object({
  event: z.literal('account-config'),
  ...header,
  transactionTime: z.number(),
  symbol: z.string().optional(),
  leverage: z.number().optional(),
  multiAssetsMode: z.boolean().optional(),
  businessUnit: z.string().optional(),
  source: Source,
});
export type AccountConfigEvent = z.output<typeof AccountConfigEvent>;

/** ACCOUNT_CONFIG_UPDATE: a leverage change (`ac`) or a Multi-Assets mode change (`ai`). */
export const RawAccountConfigUpdate = z
  .looseObject({
    e: z.literal('ACCOUNT_CONFIG_UPDATE'),
    E: RawEventTime,
    T: time,
    fs: z.string().optional(),
    ac: z.looseObject({ s: z.string(), l: z.number() }).optional(),
    ai: z.looseObject({ j: z.boolean() }).optional(),
  })
  .refine((raw) => raw.ac !== undefined || raw.ai !== undefined, { message: 'needs `ac` or `ai`' });

/** ACCOUNT_CONFIG_UPDATE: leverage (`ac`) or Multi-Assets mode (`ai`). */
export const accountConfigWire = wireMapping(
  RawAccountConfigUpdate,
  (raw, market): MappedFields<AccountConfigEvent> => ({
    event: 'account-config',
    market,
    eventTime: raw.E,
    transactionTime: raw.T,
    symbol: raw.ac?.s,
    leverage: raw.ac?.l,
    multiAssetsMode: raw.ai?.j,
    businessUnit: raw.fs,
    source: 'ws',
  }),
);
