import { createHash } from "crypto";
import { Clock, systemClock } from "./clock";
import { ConfigReader } from "./config";
import { axiosTransport, HttpClient, HttpClientOptions, Transport } from "./http";

/** Makes the HTTP clients of one API client, with the transport and clock of the calls that use it. */
export type HttpFactory = (options: Omit<HttpClientOptions, "transport" | "clock">) => HttpClient;

/**
 * One vendor API, as the client factory builds it: how a call's config gives its credentials, what tells
 * two credential sets apart, and how to make the API's client for one set.
 */
export interface ApiSpec<C, T> {
  /** "equinix", "alibaba", "ixapi": errors and cache keys. */
  api: string;
  /** The credentials and settings in `config`; throws a "config" ApiError naming what is missing. */
  credentials(config: ConfigReader): C;
  /**
   * What tells credential sets apart: everything that changes where requests go or who sends them
   * (endpoint, identity, region) and a fingerprint of the secret (never the secret itself). Two keys
   * never share a client, a token or a coalesced read.
   */
  key(credentials: C): string;
  /** The API's client for one credential set (its calls, its coalesced readers), over HTTP clients from `http`. */
  create(credentials: C, http: HttpFactory): T;
}

/** A short hash of secret values, for cache keys: two secrets never share an entry, none is kept in clear. */
export function fingerprint(...secrets: Array<string | undefined>): string {
  return createHash("sha256").update(JSON.stringify(secrets)).digest("hex").slice(0, 16);
}

/** The clients made with the default transport and the system clock: every call of the process shares them. */
const shared = new Map<string, unknown>();
/** Clients made with an injected transport or clock (tests, tools), kept apart per transport and clock. */
const injected = new WeakMap<object, WeakMap<object, Map<string, unknown>>>();

function cacheFor(transport: Transport, clock: Clock): Map<string, unknown> {
  if (transport === axiosTransport && clock === systemClock) return shared;
  let byClock = injected.get(transport);
  if (!byClock) injected.set(transport, (byClock = new WeakMap()));
  let cache = byClock.get(clock);
  if (!cache) byClock.set(clock, (cache = new Map()));
  return cache;
}

/**
 * The API-client factory of a call: `clients.get(spec)` is the spec's client for the credentials the
 * call's config gives, made once per credential set (and transport and clock) in the process and cached
 * from then on, so every resource with the same credentials shares one client: one token, one retry
 * policy, one coalesced reader per kind. Credentials are read on every `get`, so a changed config takes
 * effect at the next call.
 */
export class Clients {
  private readonly transport: Transport;
  private readonly clock: Clock;

  constructor(private readonly config: ConfigReader, o: { clock?: Clock; transport?: Transport } = {}) {
    this.transport = o.transport ?? axiosTransport;
    this.clock = o.clock ?? systemClock;
  }

  /** The spec's client for this call's credentials. */
  get<C, T>(spec: ApiSpec<C, T>): T {
    const credentials = spec.credentials(this.config);
    const cache = cacheFor(this.transport, this.clock);
    const key = `${spec.api}|${spec.key(credentials)}`;
    let client = cache.get(key) as T | undefined;
    if (client === undefined) {
      client = spec.create(credentials, (options) => new HttpClient({ ...options, transport: this.transport, clock: this.clock }));
      cache.set(key, client);
    }
    return client;
  }

  /**
   * The factory of the same transport and clock reading `config` instead: a resource's own credential set
   * and region (core/scope.ts). The clients stay shared through the cache, keyed by credentials.
   */
  withConfig(config: ConfigReader): Clients {
    return new Clients(config, { clock: this.clock, transport: this.transport });
  }

  /** This call's credentials for the spec's API (its region, its account ...). */
  credentials<C>(spec: ApiSpec<C, unknown>): C {
    return spec.credentials(this.config);
  }
}
