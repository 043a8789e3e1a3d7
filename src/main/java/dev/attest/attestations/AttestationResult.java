package dev.attest.attestations;

/** One attestation of the register as of the assessment date: current, expiring-soon, expired or future. */
public record AttestationResult(Attestation attestation, String state) {}
