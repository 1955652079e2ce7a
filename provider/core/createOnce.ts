import { isApiError } from "./errors";
import { Progress } from "./progress";

/**
 * The two ways a create is kept from making a second object when it is sent again (its answer was lost,
 * the plugin restarted, `pulumi up` ran again). Which one a kind uses depends on what its API offers.
 */

export interface LookupCreate<T> {
  /** What is created, for progress lines: "connection edge-1". */
  what: string;
  /** Sends the create once (a POST the HTTP client never re-sends after an ambiguous failure). */
  post: () => Promise<T>;
  /** Finds the object the lost create may have made (by name, reference, port ...), or undefined. */
  find: () => Promise<T | undefined>;
  /** The found object's id, for the progress line. */
  idOf: (found: T) => string;
  progress: Progress;
  /** How many times the create is sent at most. Default 3. */
  attempts?: number;
}

/**
 * For APIs without idempotency tokens (Fabric, ECX v3, IX-API): POSTs once; when the answer was lost
 * (`maybeCommitted`: a dropped connection, 500, 502, 504), looks the object up before sending again and
 * adopts what it finds, so a retry never makes a second object.
 */
export async function createOnceByLookup<T>(o: LookupCreate<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await o.post();
    } catch (err) {
      if (!(isApiError(err) && err.maybeCommitted) || attempt >= (o.attempts ?? 3)) throw err;
      o.progress(o.what, `the create request's answer was lost (${err.vendorMessage}); looking it up before sending again`);
      const found = await o.find();
      if (found !== undefined) {
        o.progress(o.what, `found ${o.idOf(found)}: adopting it instead of creating another`);
        return found;
      }
    }
  }
}

export interface TokenCreate {
  /** What is created, for progress lines: "VBR on pc-1 VLAN 7". */
  what: string;
  /** The vendor's name for the token, for progress lines: "ClientToken". */
  tokenName: string;
  /** The token of a generation (1, 2 ...): the same for every send of one generation. */
  token: (generation: number) => string;
  /** Sends the create with a token; resolves to the id the vendor answers (the first object's, for a repeated token). */
  create: (token: string) => Promise<string>;
  /** Whether the object with this id still exists (is not deleted or being deleted). */
  exists: (id: string) => Promise<boolean>;
  /** Hears every id the vendor returns, before anything else can fail, so the caller can record it. */
  created?: (id: string) => void;
  progress: Progress;
  /** How many generations are tried at most. Default 3. */
  generations?: number;
}

/**
 * For APIs with idempotency tokens (Alibaba's ClientToken): a re-sent create carries the same token, so
 * the vendor answers with the first object. A vendor remembers tokens for a while after the object is
 * gone: when the answer names an object that no longer exists (destroyed earlier), the next generation's
 * token is sent.
 */
export async function createWithToken(o: TokenCreate): Promise<string> {
  for (let generation = 1; ; generation++) {
    const id = await o.create(o.token(generation));
    o.created?.(id);
    if ((await o.exists(id)) || generation >= (o.generations ?? 3)) return id;
    o.progress(o.what, `${o.tokenName} answered with ${id}, which no longer exists; creating a new one`);
  }
}
