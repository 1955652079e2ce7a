// Per-call contexts for in-process tests (provider/core/context.ts): the lifecycles and waiters get the
// clock, API clients, progress and settings of a call from it, so a test fakes a call by building one.
import { callContext, type CallContext } from "../../provider/core/context";
import { axiosTransport, type Transport, type TransportRequest } from "../../provider/core/http";

export { callContext, type CallContext };

/**
 * A vendor client looked up from `get` on every call, as a lifecycle does in each call: the settings
 * (credentials, endpoint) in force at that moment pick the client, e.g.
 * `const api = perCall(() => fabricApi(callContext()))`.
 */
export function perCall<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get(_target, key) {
      // A method looks the client up when called: missing settings fail its promise, as a lifecycle's call would.
      return (...args: unknown[]) => {
        try {
          const client = get() as Record<string | symbol, (...a: unknown[]) => unknown>;
          return client[key](...args);
        } catch (err) {
          return Promise.reject(err);
        }
      };
    },
  });
}

/** The default transport, telling `seen` about every attempt before it is sent (method, URL, query, body). */
export function observingTransport(seen: (req: TransportRequest) => void): Transport {
  return (req) => {
    seen(req);
    return axiosTransport(req);
  };
}
