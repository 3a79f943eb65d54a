import { describe, expect, test } from "vitest";
import { registerAnswer, type RegisterFacts } from "./live-data";

const facts = (f: Partial<RegisterFacts>): RegisterFacts => ({
  inService: 10,
  withoutResponsible: 0,
  group2InService: 10,
  group2Compliant: 10,
  ownIntervalInService: 0,
  ownIntervalCompliant: 0,
  passingEvents: 10,
  eventsWithCertificate: 10,
  ...f,
});

describe("registerAnswer", () => {
  test.each([
    ["register-complete", facts({}), "yes"],
    ["register-complete", facts({ inService: 0 }), "no"],
    ["responsible-person", facts({ withoutResponsible: 2 }), "partly"],
    ["responsible-person", facts({ withoutResponsible: 5 }), "no"],
    ["group2-verified-on-time", facts({}), "yes"],
    ["group2-verified-on-time", facts({ group2Compliant: 9 }), "partly"],
    ["group2-verified-on-time", facts({ group2Compliant: 5 }), "no"],
    ["group2-verified-on-time", facts({ group2InService: 0, group2Compliant: 0 }), "na"],
    ["calibration-on-time", facts({}), "na"],
    ["certificates-kept", facts({ eventsWithCertificate: 0 }), "no"],
    ["certificates-kept", facts({ passingEvents: 0, eventsWithCertificate: 0 }), "no"],
  ] as const)("%s with %o is %s", (check, f, answer) => {
    expect(registerAnswer(check, f)).toBe(answer);
  });
});
