import { type RegisterCheck } from "~/modules/content/schemas";
import { type Answer } from "./scoring";

// What the instrument register says about the checklist items it can answer. Thresholds are ours:
// everything met is "yes", most of it "partly", less "no"; nothing to judge is "not applicable".

export type RegisterFacts = {
  inService: number;
  withoutResponsible: number;
  group2InService: number;
  group2Compliant: number;
  ownIntervalInService: number;
  ownIntervalCompliant: number;
  passingEvents: number;
  eventsWithCertificate: number;
};

function share(met: number, of: number): Answer {
  if (of === 0) return "na";
  if (met === of) return "yes";
  return met / of >= 0.8 ? "partly" : "no";
}

export function registerAnswer(check: RegisterCheck, facts: RegisterFacts): Answer {
  switch (check) {
    case "register-complete":
      return facts.inService > 0 ? "yes" : "no";
    case "responsible-person":
      return facts.inService === 0 ? "no" : share(facts.inService - facts.withoutResponsible, facts.inService);
    case "group2-verified-on-time":
      return share(facts.group2Compliant, facts.group2InService);
    case "calibration-on-time":
      return share(facts.ownIntervalCompliant, facts.ownIntervalInService);
    case "certificates-kept":
      return facts.passingEvents === 0 ? "no" : share(facts.eventsWithCertificate, facts.passingEvents);
  }
}

/** Where the evidence for each check can be seen in the portal. */
export const REGISTER_EVIDENCE: Record<RegisterCheck, string> = {
  "register-complete": "/business/instruments",
  "responsible-person": "/business/instruments",
  "group2-verified-on-time": "/business/schedule",
  "calibration-on-time": "/business/schedule",
  "certificates-kept": "/business/instruments",
};
