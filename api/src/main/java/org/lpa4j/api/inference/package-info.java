/**
 * Using a trained progressive model: early exit (a policy per row, batched so that only the rows still running go
 * through the next block), its calibration on a validation split for a stated largest metric loss, self-speculative
 * decoding and seeded sampling at any depth for next-token models, and the evaluation of every depth (metrics, calibration error, cost and latency).
 */
package org.lpa4j.api.inference;
