/**
 * The service-provider interface of msgflow: what transports and runtimes use from the core, not
 * what applications call. {@link io.msgflow.spi.SettlementEngine} runs a batch of deliveries
 * through a processor and applies every outcome to the queue, so the long-polling consumer, the
 * SQS Lambda handler and the Step Functions drain are thin adapters over one engine;
 * {@link io.msgflow.spi.DeadLetterCopy} is the one shape of a dead-letter copy every transport sends.
 * Stable for implementers within a minor version.
 */
package io.msgflow.spi;
