import assert from "node:assert/strict";
import { redact, registerSecret } from "../../../provider/core/redact";

describe("core/redact", () => {
  it("masks every occurrence of a registered secret", () => {
    registerSecret("redact-test-s3cr3t");
    assert.equal(redact("a redact-test-s3cr3t b redact-test-s3cr3t"), "a [redacted] b [redacted]");
  });

  it("masks the longest secret first so one containing another is masked whole", () => {
    registerSecret("pw-9a8b");
    registerSecret("pw-9a8b-and-more-xyz");
    assert.equal(redact("x pw-9a8b-and-more-xyz y pw-9a8b z"), "x [redacted] y [redacted] z");
  });

  it("treats secrets literally (regex characters) and ignores short or non-string values", () => {
    registerSecret("a.b*c+(d)?");
    assert.equal(redact("v=a.b*c+(d)? vs aXbbbc+d"), "v=[redacted] vs aXbbbc+d");
    registerSecret("abc");
    registerSecret(12345678);
    registerSecret(undefined);
    assert.equal(redact("abc 12345678"), "abc 12345678");
  });

  it("masks Bearer tokens and Authorization headers", () => {
    assert.equal(redact("sent Bearer eyJhbGc.eyJzdWIi.sig-_x"), "sent Bearer [redacted]");
    assert.equal(redact("bearer abc/def+ghi="), "Bearer [redacted]");
    assert.equal(redact("Authorization: Bearer tok123"), "Authorization: Bearer [redacted]");
    // Basic credentials are base64(client id:secret): the scheme may show, the credentials never.
    assert.equal(redact('{"authorization":"Basic dXNlcjpwdw=="}'), '{"authorization":"Basic [redacted]"}');
    assert.equal(redact("Authorization: basic dXNlcjpwdw=="), "Authorization: basic [redacted]");
    assert.equal(redact("authorization=opaque-token-1"), "authorization=[redacted]");
  });

  it("masks client_secret=... in form bodies and query strings", () => {
    assert.equal(
      redact("grant_type=client_credentials&client_id=me&client_secret=Zz9-!x&scope=a"),
      "grant_type=client_credentials&client_id=me&client_secret=[redacted]&scope=a",
    );
    assert.equal(redact("?Signature=abc%2Bdef&AccessKeyId=LTAI"), "?Signature=[redacted]&AccessKeyId=LTAI");
  });

  it('masks JSON token fields like "access_token":"..."', () => {
    const body = JSON.stringify({ access_token: "at-1", refresh_token: "rt-2", token_type: "bearer", expires_in: 3600, clientSecret: "cs" });
    const out = redact(body);
    assert.equal(
      out,
      '{"access_token":"[redacted]","refresh_token":"[redacted]","token_type":"bearer","expires_in":3600,"clientSecret":"[redacted]"}',
    );
    assert.equal(redact('{ "access_token" : "zzz" }'), '{ "access_token" : "[redacted]" }');
    assert.equal(redact("authenticationKey: k-1, cloudKey=ck"), "authenticationKey: [redacted], cloudKey=[redacted]");
  });

  it("leaves ordinary text alone", () => {
    const text = "connection 3f1c provisioned on port p-1 with 50 Mbps; token_type=bearer";
    assert.equal(redact(text), text);
  });

  it("masks values, never the words that name a setting", () => {
    const message =
      "equinix: missing credentials or settings:\n" +
      "  clientSecret: set `pulumi config set --secret equinix:clientSecret ...`, or the environment variable EQUINIX_API_CLIENTSECRET\n" +
      "  apiSecret: set `pulumi config set --secret ixapi:apiSecret ...`\n" +
      "  authenticationKey: must be the Alibaba account id";
    assert.equal(redact(message), message);
    // The values those names take still never show, whatever the shape.
    assert.equal(redact("clientSecret: Xk9-secret-42 and more"), "clientSecret: [redacted] and more");
    assert.equal(redact("clientSecret: Abcdef rest"), "clientSecret: [redacted] rest", "a capitalised word is a value");
    assert.equal(redact("{ clientSecret: 'it has spaces' }"), "{ clientSecret: '[redacted]' }");
    assert.equal(redact("clientSecret=lowercaseword"), "clientSecret=[redacted]");
    assert.equal(redact("authenticationKey: 123456789012"), "authenticationKey: [redacted]");
    assert.equal(redact("apiSecret:lowercase"), "apiSecret:[redacted]", "an unquoted value ending the text");
  });
});
